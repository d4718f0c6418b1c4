package dev.lanyard.testlab;

/** Oracle access to namespaces the code under test created (their names must carry the lab's prefix). */
public final class LabNamespaces {
  private LabNamespaces() {}

  /** The oracle for the named namespace {@code name}, which must start with a lab prefix. */
  public static LabNamespace of(String name) {
    if (!name.startsWith("lyt")) {
      throw new IllegalArgumentException("not a lab namespace: " + name);
    }
    return new LabNamespace(name);
  }
}
