package dev.lanyard.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C library calls Lanyard needs, bound with JNA direct mapping (no varargs, primitives, arrays and
 * pointers only). Every call throws {@link LastErrorException} on failure; callers turn it into an
 * {@link ErrnoException} with {@link ErrnoException#of}, naming the operation.
 *
 * <p>Thread note: {@link #setns} and {@link #unshare} change the calling OS thread only. Use them
 * through {@link NetNs}, never directly on a pooled or virtual thread.
 */
public final class LibC {
  static {
    Native.register(LibC.class, NativeLibrary.getInstance("c"));
  }

  private LibC() {}

  public static final int AF_UNSPEC = 0;
  public static final int AF_UNIX = 1;
  public static final int AF_INET = 2;
  public static final int AF_BRIDGE = 7;
  public static final int AF_INET6 = 10;
  public static final int AF_NETLINK = 16;

  public static final int SOCK_STREAM = 1;
  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_NONBLOCK = 0x800;
  public static final int SOCK_CLOEXEC = 0x80000;

  public static final int SOL_SOCKET = 1;
  public static final int SO_REUSEADDR = 2;
  public static final int SO_SNDBUF = 7;
  public static final int SO_RCVBUF = 8;
  public static final int SO_REUSEPORT = 15;
  public static final int SO_RCVTIMEO = 20;
  public static final int SO_ATTACH_FILTER = 26;
  public static final int SO_SNDBUFFORCE = 32;
  public static final int SO_RCVBUFFORCE = 33;

  // <netinet/in.h>: protocols and IPv6 socket options
  public static final int IPPROTO_TCP = 6;
  public static final int IPPROTO_UDP = 17;
  public static final int IPPROTO_IPV6 = 41;
  public static final int IPPROTO_SCTP = 132;
  public static final int IPV6_V6ONLY = 26;

  public static final int MSG_PEEK = 0x2;
  public static final int MSG_TRUNC = 0x20;
  public static final int MSG_DONTWAIT = 0x40;
  public static final int MSG_WAITFORONE = 0x10000;

  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_CREAT = 0x40;
  public static final int O_EXCL = 0x80;
  public static final int O_CLOEXEC = 0x80000;

  public static final int CLONE_NEWNS = 0x00020000;
  public static final int CLONE_NEWNET = 0x40000000;

  public static final int POLLIN = 0x1;
  public static final int POLLFD_SIZE = 8;
  public static final int EPOLLIN = 0x1;
  public static final int EPOLL_CTL_ADD = 1;
  public static final int EPOLL_CTL_DEL = 2;
  public static final int EPOLL_CLOEXEC = 0x80000;
  /** {@code sizeof(struct epoll_event)}: packed (12) on x86-64, naturally aligned (16) elsewhere. */
  public static final int EPOLL_EVENT_SIZE = com.sun.jna.Platform.isIntel() ? 12 : 16;
  /** Offset of {@code data} in {@code struct epoll_event}. */
  public static final int EPOLL_EVENT_DATA = com.sun.jna.Platform.isIntel() ? 4 : 8;
  public static final int EFD_NONBLOCK = 0x800;
  public static final int EFD_CLOEXEC = 0x80000;

  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1 << 18;
  public static final long MS_SHARED = 1 << 20;
  public static final int MNT_DETACH = 2;

  public static native int socket(int domain, int type, int protocol) throws LastErrorException;

  public static native int bind(int fd, byte[] addr, int addrLen) throws LastErrorException;

  public static native int listen(int fd, int backlog) throws LastErrorException;

  public static native int getsockname(int fd, byte[] addr, int[] addrLen) throws LastErrorException;

  public static native int setsockopt(int fd, int level, int name, byte[] value, int valueLen)
      throws LastErrorException;

  public static native long sendto(int fd, Pointer buf, long len, int flags, byte[] addr, int addrLen)
      throws LastErrorException;

  public static native long recvfrom(int fd, Pointer buf, long len, int flags, byte[] addr, int[] addrLen)
      throws LastErrorException;

  /** {@code msgvec} points at an array of {@code struct mmsghdr}; {@code timeout} may be null. */
  public static native int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout)
      throws LastErrorException;

  public static native int sendmmsg(int fd, Pointer msgvec, int vlen, int flags) throws LastErrorException;

  public static native int eventfd(int initialValue, int flags) throws LastErrorException;

  /** {@code fds} holds {@code nfds} {@code struct pollfd} ({@link #POLLFD_SIZE} bytes each, native order). */
  public static native int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

  public static native int epoll_create1(int flags) throws LastErrorException;

  /** {@code event} is one {@code struct epoll_event} ({@link #EPOLL_EVENT_SIZE} bytes, native order). */
  public static native int epoll_ctl(int epfd, int op, int fd, byte[] event) throws LastErrorException;

  public static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis)
      throws LastErrorException;

  public static native long read(int fd, byte[] buf, long count) throws LastErrorException;

  public static native long write(int fd, byte[] buf, long count) throws LastErrorException;

  public static native int close(int fd) throws LastErrorException;

  public static native int setns(int fd, int nstype) throws LastErrorException;

  public static native int unshare(int flags) throws LastErrorException;

  public static native int mount(String source, String target, String fsType, long flags, String data)
      throws LastErrorException;

  public static native int umount2(String target, int flags) throws LastErrorException;

  /** {@code open(2)}; the C prototype is variadic, but passing {@code mode} as a fixed int is ABI-safe on Linux. */
  public static native int open(String path, int flags, int mode) throws LastErrorException;

  public static native int gettid();

  public static native int getpid();

  /** Encodes an int socket option value in native byte order. */
  public static byte[] intOption(int value) {
    return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(value).array();
  }
}
