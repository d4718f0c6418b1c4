package dev.lanyard.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The container an endpoint joins: its network namespace, where the driver puts the interface.
 *
 * @param containerId   64 hex digits
 * @param containerName the user's name for the container
 * @param namespace     the bind-mounted or {@code /proc/PID/ns/net} path of its network namespace
 * @param hostname      its hostname
 */
public record SandboxSpec(String containerId, String containerName, Path namespace, String hostname) {
  public SandboxSpec {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(hostname, "hostname");
  }
}
