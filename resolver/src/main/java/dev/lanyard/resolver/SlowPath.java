package dev.lanyard.resolver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Everything the {@link FastPath} leaves: parses the packet with dnsjava, answers A, AAAA and PTR for
 * names the container knows, and otherwise says whether to forward. Allocates; stateless.
 */
final class SlowPath {
  private SlowPath() {}

  /** What to do with a packet. */
  sealed interface Outcome {}

  /** Send this answer. */
  record Reply(byte[] wire) implements Outcome {}

  /** Ask the upstream servers; the answer to the client must fit {@code clientLimit} bytes. */
  record Forward(int clientLimit) implements Outcome {}

  /** Not a query worth an answer (unparseable, a response, no question): say nothing, as Docker. */
  record Drop() implements Outcome {}

  static final Drop DROP = new Drop();

  static Outcome handle(byte[] packet, ContainerView view, boolean udp) {
    Message query;
    try {
      query = new Message(packet);
    } catch (IOException | RuntimeException e) {
      return DROP;
    }
    Header header = query.getHeader();
    Record question = query.getQuestion();
    if (header.getFlag(Flags.QR) || question == null) {
      return DROP;
    }
    int limit = clientLimit(query, udp);
    if (header.getOpcode() != Opcode.QUERY) {
      return new Reply(error(query, Rcode.NOTIMP).toWire(limit));
    }
    if (header.getCount(Section.QUESTION) != 1) {
      return new Reply(error(query, Rcode.FORMERR).toWire(limit));
    }
    if (question.getDClass() == DClass.IN) {
      NameEntry entry = view.find(question.getName().toWireCanonical());
      Message local = entry == null ? null : localAnswer(query, question, entry);
      if (local != null) {
        return new Reply(local.toWire(limit));
      }
    }
    if (!view.forwarding()) {
      return new Reply(error(query, Rcode.SERVFAIL).toWire(limit));
    }
    return new Forward(limit);
  }

  /** The largest answer the client takes: 65535 over TCP, its EDNS size (at least 512) over UDP. */
  static int clientLimit(Message query, boolean udp) {
    if (!udp) {
      return 0xFFFF;
    }
    OPTRecord opt = query.getOPT();
    return opt == null ? 512 : Math.max(512, opt.getPayloadSize());
  }

  /** A reply carrying only the question and {@code rcode}; flags as for any answer of this server. */
  static Message error(Message query, int rcode) {
    Message reply = replyTo(query);
    reply.getHeader().setRcode(rcode);
    return reply;
  }

  /** The error reply for raw query bytes, or null if they do not parse. */
  static byte[] error(byte[] query, int rcode, int limit) {
    try {
      return error(new Message(query), rcode).toWire(limit);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** dnsjava truncates to {@code limit} and sets TC; an unparseable relay is dropped (null). */
  static byte[] truncate(byte[] answer, int limit) {
    try {
      return new Message(answer).toWire(limit);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Message localAnswer(Message query, Record question, NameEntry entry) {
    int type = question.getType();
    List<Record> answers = new ArrayList<>();
    if (type == Type.A && entry.ipv4().length > 0) {
      for (int i = 0; i < entry.ipv4Count(); i++) {
        answers.add(new ARecord(question.getName(), DClass.IN, FastPath.TTL, address(entry.ipv4(), i, 4)));
      }
    } else if (type == Type.AAAA && (entry.ipv4().length > 0 || entry.ipv6().length > 0)) {
      for (int i = 0; i < entry.ipv6Count(); i++) {
        answers.add(new AAAARecord(question.getName(), DClass.IN, FastPath.TTL, address(entry.ipv6(), i, 16)));
      }
    } else if (type == Type.PTR && entry.pointer() != null) {
      answers.add(new PTRRecord(question.getName(), DClass.IN, FastPath.TTL, entry.pointer()));
    } else {
      return null;
    }
    Collections.shuffle(answers, ThreadLocalRandom.current());
    Message reply = replyTo(query);
    answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
    return reply;
  }

  private static Message replyTo(Message query) {
    Header qh = query.getHeader();
    Message reply = new Message(qh.getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.RA);
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (qh.getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    h.setOpcode(qh.getOpcode());
    Record question = query.getQuestion();
    if (question != null) {
      reply.addRecord(question, Section.QUESTION);
    }
    if (query.getOPT() != null) {
      reply.addRecord(new OPTRecord(FastPath.ADVERTISED_UDP, 0, 0), Section.ADDITIONAL);
    }
    return reply;
  }

  private static InetAddress address(byte[] rdata, int index, int size) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(rdata, index * size, (index + 1) * size));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("stored address of wrong length", e);
    }
  }
}
