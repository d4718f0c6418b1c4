package dev.lanyard.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A parsed run of netlink attributes, in the order the kernel sent them. */
public final class NlAttrs {
  private final List<NlAttr> attrs;

  private NlAttrs(List<NlAttr> attrs) {
    this.attrs = attrs;
  }

  /** Parses attributes from {@code buf}'s position to its limit; a truncated tail is ignored. */
  public static NlAttrs parse(ByteBuffer buf) {
    ByteBuffer b = buf.slice().order(ByteOrder.nativeOrder());
    List<NlAttr> list = new ArrayList<>();
    int pos = 0;
    while (pos + 4 <= b.limit()) {
      int length = Short.toUnsignedInt(b.getShort(pos));
      int type = Short.toUnsignedInt(b.getShort(pos + 2));
      if (length < 4 || pos + length > b.limit()) {
        break;
      }
      list.add(new NlAttr(type, b.slice(pos + 4, length - 4)));
      pos += Netlink.align(length);
    }
    return new NlAttrs(list);
  }

  /** The first attribute of {@code type}, or null. */
  public NlAttr get(int type) {
    for (NlAttr a : attrs) {
      if (a.type() == type) {
        return a;
      }
    }
    return null;
  }

  public boolean has(int type) {
    return get(type) != null;
  }

  /** Every attribute of {@code type}, for lists encoded as repeated attributes. */
  public List<NlAttr> all(int type) {
    List<NlAttr> out = new ArrayList<>();
    for (NlAttr a : attrs) {
      if (a.type() == type) {
        out.add(a);
      }
    }
    return out;
  }

  public List<NlAttr> list() {
    return Collections.unmodifiableList(attrs);
  }

  public int size() {
    return attrs.size();
  }
}
