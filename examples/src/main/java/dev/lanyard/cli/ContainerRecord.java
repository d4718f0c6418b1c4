package dev.lanyard.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What the CLI knows of a container beyond its network sandbox: the image named on {@code run} (kept for
 * {@code ps}, never pulled), the command, when it was created and last started, and the process running
 * the command with its start time (so a reused PID is never signalled), and the exit status of a command
 * run in the foreground. Stored as
 * {@code STATE/cli/containers/ID.json}. Immutable.
 */
record ContainerRecord(
    @JsonProperty("image") String image,
    @JsonProperty("command") List<String> command,
    @JsonProperty("created") long createdMillis,
    @JsonProperty("started") long startedMillis,
    @JsonProperty("stopped") long stoppedMillis,
    @JsonProperty("exitCode") int exitCode,
    @JsonProperty("pid") long pid,
    @JsonProperty("pidStart") long pidStartMillis) {

  ContainerRecord {
    command = List.copyOf(command);
  }

  ContainerRecord withProcess(long newPid, long newPidStart) {
    return new ContainerRecord(image, command, createdMillis, startedMillis, stoppedMillis, exitCode, newPid, newPidStart);
  }

  ContainerRecord started(long now) {
    return new ContainerRecord(image, command, createdMillis, now, 0, 0, pid, pidStartMillis);
  }

  /** Stopped now; {@code code} is the command's exit status when known (a foreground command), else 0. */
  ContainerRecord stopped(long now, int code) {
    return new ContainerRecord(image, command, createdMillis, startedMillis, now, code, 0, 0);
  }

  static Path file(Settings settings, String containerId) {
    return settings.cliDirectory().resolve("containers").resolve(containerId + ".json");
  }

  static Optional<ContainerRecord> read(Settings settings, String containerId) {
    Path file = file(settings, containerId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(DockerJson.MAPPER.readValue(file.toFile(), ContainerRecord.class));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
  }

  /** Writes atomically (temp file, then rename). */
  void write(Settings settings, String containerId) {
    Path file = file(settings, containerId);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      DockerJson.MAPPER.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + file, e);
    }
  }

  static void delete(Settings settings, String containerId) {
    try {
      Files.deleteIfExists(file(settings, containerId));
    } catch (IOException e) {
      throw new UncheckedIOException("delete record of " + containerId, e);
    }
  }
}
