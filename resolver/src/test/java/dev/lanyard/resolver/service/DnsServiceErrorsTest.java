package dev.lanyard.resolver.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.ConflictException;
import dev.lanyard.InvalidParameterException;
import dev.lanyard.NotFoundException;
import dev.lanyard.UnavailableException;
import dev.lanyard.netlink.Errno;
import dev.lanyard.netlink.ErrnoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Resolver failures become the API's exception kinds, keeping the message and the cause. */
class DnsServiceErrorsTest {
  @Test
  void badValuesAreInvalidParameters() {
    IllegalArgumentException bad = new IllegalArgumentException("container name \"x y\" has a character DNS names cannot carry");
    assertThat(DnsService.toApi(bad)).isInstanceOf(InvalidParameterException.class)
        .hasMessage(bad.getMessage()).hasCause(bad);
  }

  @Test
  void aMissingNamespaceIsNotFoundAndOtherKernelRefusalsAreUnavailable() {
    ErrnoException missing = new ErrnoException("open /run/netns/gone", Errno.ENOENT.code());
    assertThat(DnsService.toApi(missing)).isInstanceOf(NotFoundException.class).hasCause(missing);
    ErrnoException inUse = new ErrnoException("bind UDP DNS server of container \"c1\"", Errno.EADDRINUSE.code());
    assertThat(DnsService.toApi(inUse)).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("bind UDP").hasCause(inUse);
    UncheckedIOException io = new UncheckedIOException("read /etc/resolv.conf", new IOException("EACCES"));
    assertThat(DnsService.toApi(io)).isInstanceOf(UnavailableException.class).hasCause(io);
  }

  @Test
  void theApisOwnKindsPassThrough() {
    ConflictException conflict = new ConflictException("already");
    assertThat(DnsService.toApi(conflict)).isSameAs(conflict);
  }
}
