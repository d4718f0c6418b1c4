package dev.lanyard.bridge;

import dev.lanyard.netlink.LibC;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Which of a sandbox's endpoints gives its default routes, as Docker 28 chooses them (moby's
 * {@code Sandbox.getGatewayEndpoint} over endpoints sorted by {@code Endpoint.Less}): per address family,
 * the first endpoint in {@link #ORDER} that has a gateway of that family, so the IPv4 and the IPv6 default
 * route can come from different networks. Endpoints of internal networks have no gateway here. A value
 * holder with no I/O: {@link #planJoin}/{@link #planLeave} say which routes move, {@link #apply} records the
 * outcome once the caller has changed the kernel. Not thread-safe (the driver holds the sandbox's lock).
 *
 * @param <E> the driver's endpoint record
 */
final class DefaultGateways<E extends DefaultGateways.Candidate> {
  /** What the choice needs to know of an endpoint. */
  interface Candidate {
    Optional<InetAddress> gateway4();

    Optional<InetAddress> gateway6();

    int gwPriority();

    String networkName();

    default boolean dualStack() {
      return gateway4().isPresent() && gateway6().isPresent();
    }

    default Optional<InetAddress> gateway(int family) {
      return family == LibC.AF_INET ? gateway4() : gateway6();
    }
  }

  /**
   * Docker's order of gateway candidates: the highest {@code --gw-priority} first, then dual-stack before
   * single-stack, then by network name.
   */
  static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::gwPriority).reversed()
      .thenComparing((Candidate c) -> !c.dualStack()).thenComparing(Candidate::networkName);

  private static final int[] FAMILIES = {LibC.AF_INET, LibC.AF_INET6};

  /** The default route of {@code family} moves from {@code from} (if any) to {@code to} (if any). */
  record Move<E>(int family, Optional<E> from, Optional<E> to) {}

  /** The outcome of a join or leave: the endpoints afterwards, the holders per family, the routes that move. */
  record Plan<E>(List<E> endpoints, E holder4, E holder6, List<Move<E>> moves) {}

  private final List<E> endpoints = new ArrayList<>();
  private E holder4;
  private E holder6;

  /**
   * {@code joining} is added. {@code foreignDefault} tells, for the first endpoint this process sees in the
   * sandbox, whether the namespace already has a default route of a family (left by another process's join,
   * e.g. an earlier CLI call); that route's endpoint joined first and keeps it.
   */
  Plan<E> planJoin(E joining, IntPredicate foreignDefault) {
    List<E> after = new ArrayList<>(endpoints);
    after.add(joining);
    boolean first = endpoints.isEmpty();
    List<Move<E>> moves = new ArrayList<>();
    E[] holders = holders();
    for (int i = 0; i < FAMILIES.length; i++) {
      int family = FAMILIES[i];
      E current = holders[i];
      if (joining.gateway(family).isPresent() && (current == null || ORDER.compare(joining, current) < 0)
          && !(first && foreignDefault.test(family))) {
        moves.add(new Move<>(family, Optional.ofNullable(current), Optional.of(joining)));
        holders[i] = joining;
      }
    }
    return new Plan<>(after, holders[0], holders[1], moves);
  }

  /** {@code leaving} goes; a family it gave the default route of passes to the next endpoint in Docker's order. */
  Plan<E> planLeave(E leaving) {
    List<E> after = new ArrayList<>(endpoints);
    after.remove(leaving);
    List<Move<E>> moves = new ArrayList<>();
    E[] holders = holders();
    for (int i = 0; i < FAMILIES.length; i++) {
      int family = FAMILIES[i];
      if (holders[i] == leaving) {
        E next = after.stream().filter(e -> e.gateway(family).isPresent()).min(ORDER).orElse(null);
        moves.add(new Move<>(family, Optional.of(leaving), Optional.ofNullable(next)));
        holders[i] = next;
      }
    }
    return new Plan<>(after, holders[0], holders[1], moves);
  }

  /** Records a plan whose routes the caller has moved. */
  void apply(Plan<E> plan) {
    endpoints.clear();
    endpoints.addAll(plan.endpoints());
    holder4 = plan.holder4();
    holder6 = plan.holder6();
  }

  boolean isEmpty() {
    return endpoints.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private E[] holders() {
    return (E[]) new Candidate[] {holder4, holder6};
  }
}
