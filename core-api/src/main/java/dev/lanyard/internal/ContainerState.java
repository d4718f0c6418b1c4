package dev.lanyard.internal;

/**
 * A container as stored. {@code namespaceName} is set for namespaces Lanyard made (under /run/netns);
 * {@code adopted} ones are only referenced by {@code namespacePath} and never deleted.
 */
record ContainerState(
    String id,
    String name,
    String hostname,
    String namespaceName,
    String namespacePath,
    boolean adopted,
    boolean running,
    long createdMillis,
    Phase phase,
    String owner) {
  static final String KIND = "container";

  ContainerState with(Phase newPhase, boolean nowRunning) {
    return new ContainerState(
        id, name, hostname, namespaceName, namespacePath, adopted, nowRunning, createdMillis, newPhase, Owner.SELF);
  }
}
