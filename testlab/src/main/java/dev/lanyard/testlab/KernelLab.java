package dev.lanyard.testlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link KernelTest}: checks the privileges, hands each test its {@link Lab}
 * and scratch {@link LabNamespace}s, and removes them afterwards even when the test failed.
 */
public final class KernelLab implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KernelLab.class);
  private static final int CAP_NET_ADMIN = 12;
  private static final int CAP_SYS_ADMIN = 21;

  static {
    if (privileged() == null) {
      Lab.sweepDeadRuns();
    }
  }

  /** True when running under CI, where a kernel test must never be skipped. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String missing = privileged();
    if (missing != null) {
      if (inCi()) {
        throw new AssertionError("kernel test cannot run under CI=true: " + missing);
      }
      Assumptions.abort("kernel test skipped: " + missing);
    }
    context.getStore(STORE).put(Lab.class, new Lab());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Lab lab = context.getStore(STORE).remove(Lab.class, Lab.class);
    if (lab != null) {
      List<String> problems = lab.cleanUp();
      if (!problems.isEmpty()) {
        throw new AssertionError("lab cleanup failed: " + problems);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == Lab.class || type == LabNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    Lab lab = extension.getStore(STORE).get(Lab.class, Lab.class);
    if (lab == null) {
      throw new IllegalStateException("lab parameters are for test methods, not constructors or @BeforeAll");
    }
    return parameter.getParameter().getType() == Lab.class ? lab : lab.namespace();
  }

  /** Null when this process may create namespaces; otherwise what is missing. */
  private static String privileged() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
          if ((caps & (1L << CAP_SYS_ADMIN)) == 0 || (caps & (1L << CAP_NET_ADMIN)) == 0) {
            return "needs CAP_SYS_ADMIN and CAP_NET_ADMIN (run as root)";
          }
        }
      }
    } catch (IOException e) {
      return "cannot read /proc/self/status: " + e.getMessage();
    }
    for (String tool : new String[] {"ip", "bridge"}) {
      if (!onPath(tool)) {
        return "the oracle command '" + tool + "' is not installed";
      }
    }
    return null;
  }

  static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }
}
