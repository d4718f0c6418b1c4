package dev.lanyard.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.testlab.KernelTest;
import dev.lanyard.testlab.LabNamespace;
import org.junit.jupiter.api.Test;

@KernelTest
class NamespaceThreadTest {
  @Test
  void everyCallRunsInsideTheNamespaceOnTheSameThread(LabNamespace scratch) {
    long callerNamespace = NetNs.currentInode();
    try (NetNs ns = NetNs.open(scratch.path()); NamespaceThread inside = NamespaceThread.start(ns)) {
      assertThat(inside.call(NetNs::currentInode)).isEqualTo(ns.inode()).isNotEqualTo(callerNamespace);
      Thread first = inside.call(Thread::currentThread);
      assertThat(inside.call(Thread::currentThread)).isSameAs(first).isNotSameAs(Thread.currentThread());
      // the kernel's view from that thread: the scratch namespace's interfaces (lo only)
      assertThat(inside.call(() -> java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/net/dev"))
          .stream().skip(2).map(l -> l.trim().split(":")[0]).toList())).containsExactly("lo");
    }
    assertThat(NetNs.currentInode()).isEqualTo(callerNamespace);
  }

  @Test
  void aTasksExceptionReachesTheCallerAndTheThreadGoesOn(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path()); NamespaceThread inside = NamespaceThread.start(ns)) {
      assertThatThrownBy(() -> inside.call(() -> {
        throw new IllegalArgumentException("bad port 70000");
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad port 70000");
      assertThatThrownBy(() -> inside.call(() -> {
        throw new java.io.IOException("checked");
      })).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(java.io.IOException.class);
      assertThat(inside.call(() -> 42)).isEqualTo(42);
    }
  }

  @Test
  void aClosedThreadRefusesCalls(LabNamespace scratch) {
    try (NetNs ns = NetNs.open(scratch.path())) {
      NamespaceThread inside = NamespaceThread.start(ns);
      Thread worker = inside.call(Thread::currentThread);
      inside.close();
      assertThat(worker.isAlive()).isFalse();
      assertThatThrownBy(() -> inside.call(() -> 1)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      inside.close(); // twice is fine
    }
  }

  @Test
  void submitInRunsInTheOtherNamespaceAndComesBack(LabNamespace home, LabNamespace other) {
    try (NetNs homeNs = NetNs.open(home.path()); NetNs otherNs = NetNs.open(other.path());
        NamespaceThread thread = NamespaceThread.start(homeNs)) {
      Thread worker = thread.call(Thread::currentThread);
      assertThat(thread.submitIn(otherNs, NetNs::currentInode).join()).isEqualTo(otherNs.inode());
      // chained work runs where the thread is when it completes the future: back home
      assertThat(thread.submitIn(otherNs, () -> 1).thenApply(one -> NetNs.currentInode()).join())
          .isIn(homeNs.inode(), NetNs.currentInode());
      assertThat(thread.call(NetNs::currentInode)).isEqualTo(homeNs.inode());
      assertThat(thread.call(Thread::currentThread)).isSameAs(worker);
    }
  }

  @Test
  void aFailureInTheOtherNamespaceReachesTheFutureAndTheThreadComesBack(LabNamespace home, LabNamespace other) {
    try (NetNs homeNs = NetNs.open(home.path()); NetNs otherNs = NetNs.open(other.path());
        NamespaceThread thread = NamespaceThread.start(homeNs);
        NetNs notNetwork = NetNs.open(java.nio.file.Path.of("/proc/self/ns/uts"))) {
      assertThat(thread.submitIn(otherNs, () -> {
        throw new IllegalArgumentException("bad port 70000");
      })).failsWithin(java.time.Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(IllegalArgumentException.class).withMessageContaining("bad port 70000");
      assertThat(thread.submitIn(notNetwork, () -> 1)).failsWithin(java.time.Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class).withCauseInstanceOf(ErrnoException.class);
      assertThat(thread.call(NetNs::currentInode)).isEqualTo(homeNs.inode());
    }
  }

  @Test
  void aThreadThatCannotComeBackFailsItsCallCancelsWhatWasQueuedAndRefusesMore(LabNamespace home, LabNamespace other)
      throws Exception {
    try (NetNs otherNs = NetNs.open(other.path())) {
      NetNs homeNs = NetNs.open(home.path());
      NamespaceThread thread = NamespaceThread.start(homeNs);
      homeNs.close(); // the thread's way back is gone
      java.util.concurrent.CountDownLatch secondQueued = new java.util.concurrent.CountDownLatch(1);
      var first = thread.submitIn(otherNs, () -> {
        secondQueued.await();
        return 1;
      });
      var second = thread.submitIn(otherNs, () -> 2);
      secondQueued.countDown();
      assertThat(first).failsWithin(java.time.Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class).withCauseInstanceOf(ErrnoException.class);
      assertThatThrownBy(second::join).isInstanceOf(java.util.concurrent.CancellationException.class);
      assertThatThrownBy(() -> thread.call(() -> 3)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  @Test
  void aNamespaceThatCannotBeEnteredFailsAtStart() {
    // a UTS namespace file is no network namespace: setns(CLONE_NEWNET) refuses it with EINVAL
    try (NetNs notNetwork = NetNs.open(java.nio.file.Path.of("/proc/self/ns/uts"))) {
      assertThatThrownBy(() -> NamespaceThread.start(notNetwork)).isInstanceOf(ErrnoException.class)
          .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL))
          .hasMessageContaining("setns");
    }
  }
}
