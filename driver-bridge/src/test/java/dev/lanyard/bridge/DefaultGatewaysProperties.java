package dev.lanyard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.net.IpPrefix;
import dev.lanyard.netlink.LibC;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The default-route choice against Docker 28's rule, restated here on its own: per family, among the
 * sandbox's endpoints with a gateway of that family, the one with the highest gw-priority, then dual-stack,
 * then the smallest network name. The planned moves, replayed on a model of the namespace's default routes,
 * never add a second route of a family and always leave the chosen endpoint's route in place.
 */
class DefaultGatewaysProperties {
  private static final InetAddress GW4 = IpPrefix.parseAddress("10.0.0.1");
  private static final InetAddress GW6 = IpPrefix.parseAddress("fd00::1");

  record Ep(Optional<InetAddress> gateway4, Optional<InetAddress> gateway6, int gwPriority, String networkName)
      implements DefaultGateways.Candidate {}

  /** Docker's choice for one family, written out without the class's comparator. */
  private static Ep expected(List<Ep> endpoints, int family) {
    Ep best = null;
    for (Ep e : endpoints) {
      if ((family == LibC.AF_INET ? e.gateway4() : e.gateway6()).isEmpty()) {
        continue;
      }
      if (best == null || e.gwPriority() > best.gwPriority()
          || (e.gwPriority() == best.gwPriority() && e.dualStack() && !best.dualStack())
          || (e.gwPriority() == best.gwPriority() && e.dualStack() == best.dualStack()
              && e.networkName().compareTo(best.networkName()) < 0)) {
        best = e;
      }
    }
    return best;
  }

  @Property
  void theDefaultRouteOfEachFamilyFollowsDockersChoiceThroughJoinsAndLeaves(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 99) Integer> steps) {
    DefaultGateways<Ep> gateways = new DefaultGateways<>();
    List<Ep> present = new ArrayList<>();
    Map<Integer, Ep> routes = new HashMap<>();
    int made = 0;
    for (int step : steps) {
      DefaultGateways.Plan<Ep> plan;
      Ep goingDown = null;
      if (step < 30 && !present.isEmpty()) {
        goingDown = present.remove(step % present.size());
        plan = gateways.planLeave(goingDown);
        Ep gone = goingDown;
        routes.values().removeIf(e -> e == gone); // the interface takes its routes with it
      } else {
        int kind = step % 4; // v4 only, v6 only, dual-stack, internal (no gateway)
        Ep joining = new Ep(kind == 0 || kind == 2 ? Optional.of(GW4) : Optional.empty(),
            kind == 1 || kind == 2 ? Optional.of(GW6) : Optional.empty(), step % 5 - 2,
            (char) ('a' + step % 7) + Integer.toString(made++));
        present.add(joining);
        plan = gateways.planJoin(joining, family -> false);
      }
      for (DefaultGateways.Move<Ep> m : plan.moves()) {
        Ep down = goingDown;
        m.from().filter(from -> from != down).ifPresent(from -> assertThat(routes.remove(m.family())).isSameAs(from));
        m.to().ifPresent(to -> assertThat(routes.put(m.family(), to)).as("second default route").isNull());
      }
      gateways.apply(plan);
      assertThat(plan.holder4()).isEqualTo(expected(present, LibC.AF_INET));
      assertThat(plan.holder6()).isEqualTo(expected(present, LibC.AF_INET6));
      assertThat(routes.get(LibC.AF_INET)).isEqualTo(plan.holder4());
      assertThat(routes.get(LibC.AF_INET6)).isEqualTo(plan.holder6());
      assertThat(gateways.isEmpty()).isEqualTo(present.isEmpty());
    }
  }

  @Property
  void aDefaultRouteAnotherProcessLeftIsKeptByTheFirstEndpointItSees(@ForAll boolean foreign4, @ForAll boolean foreign6) {
    DefaultGateways<Ep> gateways = new DefaultGateways<>();
    Ep dual = new Ep(Optional.of(GW4), Optional.of(GW6), 0, "a");
    DefaultGateways.Plan<Ep> plan = gateways.planJoin(dual,
        family -> family == LibC.AF_INET ? foreign4 : foreign6);
    assertThat(plan.holder4()).isEqualTo(foreign4 ? null : dual);
    assertThat(plan.holder6()).isEqualTo(foreign6 ? null : dual);
    assertThat(plan.moves()).hasSize((foreign4 ? 0 : 1) + (foreign6 ? 0 : 1));
  }
}
