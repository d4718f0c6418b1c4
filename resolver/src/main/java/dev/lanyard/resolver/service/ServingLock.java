package dev.lanyard.resolver.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Who serves DNS for a state directory: an exclusive OS lock ({@code fcntl}, through
 * {@link FileChannel#lock}) on {@code STATE/dns.lock}, held for as long as a process serves. The kernel
 * drops it when the holder dies, however it dies, so a waiting process takes over. POSIX locks belong to
 * a process, not a channel, so two services of one JVM first queue on a JVM-wide gate per file; the
 * file itself is opened only by the gate's holder (closing any other channel on it would drop the lock).
 * The holder writes its PID into the file for people looking at a stuck state directory.
 */
final class ServingLock implements AutoCloseable {
  static final String FILE_NAME = "dns.lock";
  private static final Map<Path, Semaphore> GATES = new ConcurrentHashMap<>();

  private final Semaphore gate;
  private final FileChannel channel;

  private ServingLock(Semaphore gate, FileChannel channel) {
    this.gate = gate;
    this.channel = channel;
  }

  /**
   * Blocks until this process may serve the state directory. Interrupting the waiting thread ends the
   * wait with {@link InterruptedException} (the file lock wait ends with the channel closed by the
   * interrupt, which Java reports as an {@link IOException}; both leave nothing held).
   */
  static ServingLock acquire(Path stateDirectory) throws InterruptedException, IOException {
    Path file = stateDirectory.resolve(FILE_NAME).toAbsolutePath().normalize();
    Semaphore gate = GATES.computeIfAbsent(file, f -> new Semaphore(1));
    gate.acquire();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      if (!lock.isValid()) {
        throw new IOException("lost the lock on " + file);
      }
      return new ServingLock(gate, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      gate.release();
      throw e;
    }
  }

  /** Gives serving up: the lock goes with the channel, then the next service of this JVM may try. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      gate.release();
    }
  }
}
