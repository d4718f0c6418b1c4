package dev.lanyard.cli;

import dev.lanyard.examples.SeedWalkthrough;
import picocli.CommandLine.Command;

/** {@code lanyard demo}: runs {@link SeedWalkthrough} (the Docker guide, step by step, in a scratch namespace). */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Docker's 'Work with network commands' guide step by step in a scratch namespace.")
final class DemoCommand extends Base {
  @Override
  public Integer call() {
    return SeedWalkthrough.run(out(), err());
  }
}
