package dev.lanyard.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The common query is answered without allocating: measured with the JVM's per-thread allocation counter. */
class FastPathAllocationTest {
  @Test
  void answeringTheCommonQueryAllocatesNothing() throws Exception {
    List<DnsContainer> containers = new ArrayList<>();
    containers.add(Models.container("web", Path.of("/run/netns/a"), Models.on("appnet", "10.88.0.2")));
    for (int i = 0; i < 8; i++) {
      containers.add(new DnsContainer(Models.idOf("s" + i), "s" + i, "s" + i, Path.of("/run/netns/s" + i),
          List.of(Models.on("appnet", "10.88.1." + (i + 1)).withAliases("pool")
              .withIpv6(Models.v6("fd00::" + (i + 1))))));
    }
    ContainerView view = NameTable.compile(new DnsModel(containers)).view(Models.idOf("web"));
    byte[][] queries = {
        FastPathProperties.wire(new FastPathProperties.Query("POOL", 1, true, 1232, 1)),
        FastPathProperties.wire(new FastPathProperties.Query("pool.appnet", 28, true, null, 2)),
        FastPathProperties.wire(new FastPathProperties.Query("s3", 1, false, null, 3)),
    };
    ByteBuffer in = ByteBuffer.allocateDirect(4096);
    ByteBuffer out = ByteBuffer.allocateDirect(4096);
    PacketHandler handler = new PacketHandler(5);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    long answered = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] q = queries[i % queries.length];
      in.put(0, q);
      answered += handler.handle(in, q.length, out, out.capacity(), view, true) > 0 ? 1 : 0;
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(answered).isEqualTo(30_000);
    assertThat(allocated).as("bytes allocated by 30,000 answers").isLessThan(1024);
  }
}
