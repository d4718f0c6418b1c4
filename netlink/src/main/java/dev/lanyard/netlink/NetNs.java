package dev.lanyard.netlink;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A Linux network namespace held open by a file descriptor.
 *
 * <p>Named namespaces live where iproute2 keeps them ({@code /run/netns/NAME}, a bind mount of the
 * namespace file), so {@code ip netns exec NAME …} sees every namespace {@link #create} makes.
 *
 * <p>Threads: {@code setns(2)} changes only the calling OS thread, so this class never switches the
 * caller's thread. {@link #call} runs code on a fresh platform thread that enters the namespace and
 * dies afterwards; {@link #newThread} makes a long-lived platform thread that lives inside. Use them
 * only to create sockets, bind listeners or write sysctls: a netlink socket or listener made inside
 * stays bound to the namespace and can be used from any thread afterwards.
 *
 * <pre>{@code
 * try (NetNs ns = NetNs.create("demo")) {            // like `ip netns add demo`
 *   try (RtNetlink rt = RtNetlink.openIn(ns)) { ... } // a handle bound to that namespace
 * } finally {
 *   NetNs.delete("demo");                            // like `ip netns del demo`
 * }
 * }</pre>
 */
public final class NetNs implements AutoCloseable {
  /** Where iproute2 keeps named namespaces. */
  public static final Path RUN_DIR = Path.of("/run/netns");

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.:@+-]{1,200}");
  private static final Path PROCESS = Path.of("/proc/self/ns/net");
  private static final Method IS_VIRTUAL = lookUpIsVirtual();

  private final Path path;
  private final int fd;
  /** Read from the descriptor when first asked for: most handles (one per container joined) never are. */
  private volatile long inode;

  private NetNs(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /** Opens the namespace file at {@code path} (a {@code /run/netns} entry, {@code /proc/PID/ns/net}, …). */
  public static NetNs open(Path path) {
    int fd;
    try {
      fd = LibC.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw ErrnoException.of("open network namespace " + path, e);
    }
    return new NetNs(path, fd);
  }

  /** Opens the named namespace {@code /run/netns/NAME}. */
  public static NetNs named(String name) {
    return open(namedPath(name));
  }

  /** Opens the namespace of process {@code pid}. */
  public static NetNs ofPid(long pid) {
    return open(Path.of("/proc", Long.toString(pid), "ns", "net"));
  }

  /** Opens the namespace of the calling thread. */
  public static NetNs current() {
    return open(Path.of("/proc/thread-self/ns/net"));
  }

  /** The inode that identifies the calling thread's namespace. */
  public static long currentInode() {
    return inodeOf(Path.of("/proc/thread-self/ns/net"));
  }

  /** The path of the named namespace {@code NAME}, whether or not it exists. */
  public static Path namedPath(String name) {
    if (name == null || !VALID_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("invalid network namespace name: \"" + name + "\"");
    }
    return RUN_DIR.resolve(name);
  }

  /** Whether the named namespace exists. */
  public static boolean exists(String name) {
    return Files.exists(namedPath(name));
  }

  /**
   * Creates a new, empty named namespace, the way {@code ip netns add NAME} does, and opens it.
   *
   * @throws ErrnoException with {@link Errno#EEXIST} if a namespace of that name exists
   */
  public static NetNs create(String name) {
    Path target = namedPath(name);
    makeRunDirShared();
    try {
      LibC.close(LibC.open(target.toString(), LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0));
    } catch (LastErrorException e) {
      throw ErrnoException.of("create network namespace " + name, e);
    }
    try {
      onNewThread("netns-create-" + name, () -> {
        try {
          LibC.unshare(LibC.CLONE_NEWNET);
          LibC.mount("/proc/thread-self/ns/net", target.toString(), "none", LibC.MS_BIND, null);
        } catch (LastErrorException e) {
          throw ErrnoException.of("create network namespace " + name, e);
        }
        return null;
      });
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
    return open(target);
  }

  /**
   * Deletes the named namespace like {@code ip netns del NAME}: unmounts and removes its file. The
   * namespace itself dies when the last process, socket or descriptor holding it lets go.
   */
  public static void delete(String name) {
    Path target = namedPath(name);
    try {
      LibC.umount2(target.toString(), LibC.MNT_DETACH);
    } catch (LastErrorException e) {
      throw ErrnoException.of("delete network namespace " + name, e);
    }
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new UncheckedIOException("delete network namespace " + name, e);
    }
  }

  public Path path() {
    return path;
  }

  /** The descriptor, for {@code setns(2)} and {@code IFLA_NET_NS_FD}. Valid until {@link #close}. */
  public int fd() {
    return fd;
  }

  /** The namespace's inode, as {@code stat} of the file opened (or {@code ip netns identify}) shows it. */
  public long inode() {
    long known = inode;
    if (known == 0) {
      known = inodeOf(Path.of("/proc/self/fd/" + fd));
      inode = known;
    }
    return known;
  }

  /**
   * Whether this is the namespace the process itself lives in (its main thread's), which for Lanyard
   * is the machine's own unless a host namespace was given.
   */
  public boolean isProcessNamespace() {
    return inode() == inodeOf(PROCESS);
  }

  /**
   * Runs {@code task} on a new platform thread inside this namespace and returns its result. The thread
   * ends with the task, so no pooled thread is ever left in another namespace.
   */
  public <T> T call(Callable<T> task) {
    return onNewThread("netns-" + path.getFileName(), () -> {
      enterOnThisThread();
      return task.call();
    });
  }

  /**
   * Like {@link #call}, but returns at once: {@code task} runs on a new platform thread inside this
   * namespace, which ends with it, and the future completes with its result or failure. Lets a caller
   * overlap work in two namespaces (e.g. open a socket inside while creating the veth whose peer goes
   * there). This namespace must stay open until the future completes.
   */
  public <T> CompletableFuture<T> callAsync(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        enterOnThisThread();
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "netns-" + path.getFileName());
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** {@link #call} for code without a result. */
  public void run(Runnable task) {
    call(() -> {
      task.run();
      return null;
    });
  }

  /**
   * A platform thread (not started) that enters this namespace and then runs {@code body}; for listeners
   * that must live inside the namespace. A failure to enter ends the thread before {@code body} runs.
   */
  public Thread newThread(String threadName, Runnable body) {
    Thread thread = new Thread(() -> {
      enterOnThisThread();
      body.run();
    }, threadName);
    thread.setDaemon(true);
    return thread;
  }

  /** Enters this namespace on the calling thread, which must be a dedicated platform thread (see the class doc). */
  void enterOnThisThread() {
    if (isVirtual(Thread.currentThread())) {
      throw new IllegalStateException("refusing to setns on a virtual thread");
    }
    try {
      LibC.setns(fd, LibC.CLONE_NEWNET);
    } catch (LastErrorException e) {
      throw ErrnoException.of("setns " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      LibC.close(fd);
    } catch (LastErrorException e) {
      throw ErrnoException.of("close network namespace " + path, e);
    }
  }

  @Override
  public String toString() {
    return "NetNs[" + path + ", fd " + fd + "]";
  }

  private static <T> T onNewThread(String threadName, Callable<T> task) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        result.set(task.call());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
    Threads.joinUninterruptibly(thread);
    Throwable t = failure.get();
    if (t != null) {
      throw failureOf(t);
    }
    return result.get();
  }

  /** The failure of a task run inside a namespace, to throw: unchecked ones as they are (an Error is thrown here). */
  static RuntimeException failureOf(Throwable t) {
    if (t instanceof RuntimeException re) {
      return re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IllegalStateException("task in network namespace failed", t);
  }

  /** Like iproute2: /run/netns is a shared mount so namespaces mounted there show in every mount namespace. */
  private static void makeRunDirShared() {
    String dir = RUN_DIR.toString();
    try {
      Files.createDirectories(RUN_DIR);
    } catch (IOException e) {
      throw new UncheckedIOException("create " + dir, e);
    }
    try {
      LibC.mount("", dir, "none", LibC.MS_SHARED | LibC.MS_REC, null);
      return;
    } catch (LastErrorException e) {
      if (e.getErrorCode() != Errno.EINVAL.code()) {
        throw ErrnoException.of("make " + dir + " a shared mount", e);
      }
    }
    try {
      LibC.mount(dir, dir, "none", LibC.MS_BIND | LibC.MS_REC, null);
      LibC.mount("", dir, "none", LibC.MS_SHARED | LibC.MS_REC, null);
    } catch (LastErrorException e) {
      throw ErrnoException.of("make " + dir + " a shared mount", e);
    }
  }

  /** Java 17 has no virtual threads; on a newer runtime, ask the thread (setns on one would move its carrier). */
  private static boolean isVirtual(Thread thread) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invoke(thread);
    } catch (ReflectiveOperationException e) {
      return true; // cannot tell: refuse rather than risk a carrier thread
    }
  }

  private static long inodeOf(Path path) {
    try {
      return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
    } catch (IOException e) {
      throw new ErrnoException("open network namespace " + path, Errno.ENOENT.code());
    }
  }

  private static Method lookUpIsVirtual() {
    try {
      return Thread.class.getMethod("isVirtual");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // the namespace was never mounted there; a stray empty file is harmless and ip netns add reuses it
    }
  }
}
