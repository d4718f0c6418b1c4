package dev.lanyard.bridge;

import dev.lanyard.netlink.NetNs;
import dev.lanyard.netlink.nft.Batch;
import dev.lanyard.netlink.nft.Chain;
import dev.lanyard.netlink.nft.Family;
import dev.lanyard.netlink.nft.Nft;
import dev.lanyard.netlink.nft.NftEvent;
import dev.lanyard.netlink.nft.NftMonitor;
import dev.lanyard.netlink.nft.NftSet;
import dev.lanyard.netlink.nft.Rule;
import dev.lanyard.netlink.nft.SetElement;
import dev.lanyard.netlink.nft.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a {@link FirewallPlan} into the host namespace as one nf_tables transaction, and restores it when
 * someone removes Lanyard's tables ({@code nft flush ruleset}): a watch thread on NFNLGRP_NFTABLES reacts to
 * the deletion of a {@value FirewallPlan#TABLE} table, and {@link #ensure} (called before driver operations)
 * compares the ruleset generation with the last one seen. Thread-safe; one instance per driver.
 */
final class Firewall implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Firewall.class.getName());

  private final Nft nft;
  private final Supplier<List<FirewallPlan.TablePlan>> plan;
  private final Thread watch;
  private volatile boolean closed;
  private long generation = -1;
  /** What the last successful batch wrote; null when unknown (before the first, after a failure). */
  private List<FirewallPlan.TablePlan> applied;

  /**
   * @param plan what the tables should hold now; asked again at every {@link #sync}
   */
  Firewall(NetNs host, Supplier<List<FirewallPlan.TablePlan>> plan) {
    this.nft = Nft.openIn(host);
    this.plan = plan;
    NftMonitor monitor = NftMonitor.openIn(host);
    this.watch = host.newThread("lanyard-bridge-nft-watch", () -> watch(monitor));
    watch.setDaemon(true);
    watch.start();
  }

  /**
   * Brings Lanyard's chains, maps and rules to the current plan in one batch; the user chain is kept. When
   * nobody changed the ruleset since our last batch, the kernel holds exactly what we applied, so only the
   * difference is written: chains whose rules changed are flushed and refilled, map elements added and
   * removed one by one, chains and maps of gone networks deleted — a batch the size of the change, not of
   * every network. Otherwise the tables are listed and rewritten whole.
   */
  synchronized void sync() {
    Batch batch = Batch.create();
    boolean unchanged = applied != null && nft.generation() == generation;
    List<FirewallPlan.TablePlan> plans = plan.get();
    for (FirewallPlan.TablePlan p : plans) {
      Optional<FirewallPlan.TablePlan> last = unchanged
          ? applied.stream().filter(a -> a.table().equals(p.table())).findFirst() : Optional.empty();
      if (last.isPresent()) {
        update(batch, last.get(), p);
      } else {
        rewrite(batch, p, last);
      }
    }
    if (batch.size() > 0) {
      try {
        nft.apply(batch);
      } finally {
        applied = null;
      }
    }
    applied = plans;
    generation = nft.generation();
  }

  /** The whole table: every Lanyard chain flushed, every map deleted, then all added again. */
  private void rewrite(Batch batch, FirewallPlan.TablePlan p, Optional<FirewallPlan.TablePlan> last) {
    Table table = p.table();
    boolean exists = last.isPresent()
        || nft.tables(table.family()).stream().anyMatch(t -> t.name().equals(table.name()));
    batch.addTable(table);
    Set<String> wanted = new HashSet<>();
    p.chains().forEach(c -> wanted.add(c.name()));
    if (exists) {
      List<Chain> present = last.isPresent() ? last.get().chains() : nft.chains(table.family(), table.name());
      List<NftSet> sets = last.isPresent() ? List.copyOf(last.get().maps().keySet()) : nft.sets(table.family(), table.name());
      for (Chain c : present) {
        if (!c.name().equals(FirewallPlan.USER_CHAIN)) {
          batch.flushChain(c);
        }
      }
      for (NftSet s : sets) {
        batch.deleteSet(s);
      }
      for (Chain c : present) {
        if (!wanted.contains(c.name()) && !c.name().equals(FirewallPlan.USER_CHAIN)) {
          batch.deleteChain(c);
        }
      }
    }
    for (Chain c : p.chains()) {
      batch.addChain(c);
    }
    for (Map.Entry<NftSet, List<SetElement>> m : p.maps().entrySet()) {
      batch.addSet(m.getKey());
      if (!m.getValue().isEmpty()) {
        batch.addElements(m.getKey(), m.getValue());
      }
    }
    for (Rule r : p.rules()) {
      batch.addRule(r);
    }
  }

  /**
   * The difference from {@code last} (what the kernel holds) to {@code p}, in an order the kernel accepts:
   * rules out of changed chains first (they may jump to chains or look up elements and maps about to go),
   * then elements, maps and chains out; chains in before the maps and elements that jump to them, rules last.
   */
  private static void update(Batch batch, FirewallPlan.TablePlan last, FirewallPlan.TablePlan p) {
    Map<String, Chain> had = byName(last.chains());
    Map<String, Chain> want = byName(p.chains());
    Map<String, List<Rule>> hadRules = byChain(last.rules());
    Map<String, List<Rule>> wantRules = byChain(p.rules());
    Set<String> refill = new HashSet<>();
    for (Chain c : p.chains()) {
      boolean same = c.equals(had.get(c.name())) && wantRules.getOrDefault(c.name(), List.of())
          .equals(hadRules.getOrDefault(c.name(), List.of()));
      if (!same && !c.name().equals(FirewallPlan.USER_CHAIN)) {
        refill.add(c.name());
      }
    }
    for (Chain c : last.chains()) {
      if ((refill.contains(c.name()) || !want.containsKey(c.name())) && !c.name().equals(FirewallPlan.USER_CHAIN)) {
        batch.flushChain(c);
      }
    }
    for (Map.Entry<NftSet, List<SetElement>> m : p.maps().entrySet()) {
      List<SetElement> gone = new ArrayList<>(last.maps().getOrDefault(m.getKey(), List.of()));
      gone.removeAll(m.getValue());
      if (!gone.isEmpty()) {
        batch.deleteElements(m.getKey(), gone);
      }
    }
    for (NftSet s : last.maps().keySet()) {
      if (!p.maps().containsKey(s)) {
        batch.deleteSet(s); // the rules that looked it up were in changed chains, flushed above
      }
    }
    for (Chain c : last.chains()) {
      if (!want.containsKey(c.name()) && !c.name().equals(FirewallPlan.USER_CHAIN)) {
        batch.deleteChain(c);
      }
    }
    for (Chain c : p.chains()) {
      if (refill.contains(c.name())) {
        batch.addChain(c); // new, or a base chain whose hook or policy changed; an existing one is kept
      }
    }
    for (Map.Entry<NftSet, List<SetElement>> m : p.maps().entrySet()) {
      if (!last.maps().containsKey(m.getKey())) {
        batch.addSet(m.getKey());
      }
      List<SetElement> added = new ArrayList<>(m.getValue());
      added.removeAll(last.maps().getOrDefault(m.getKey(), List.of()));
      if (!added.isEmpty()) {
        batch.addElements(m.getKey(), added);
      }
    }
    for (Rule r : p.rules()) {
      if (refill.contains(r.chain())) {
        batch.addRule(r);
      }
    }
  }

  private static Map<String, Chain> byName(List<Chain> chains) {
    Map<String, Chain> out = new HashMap<>();
    chains.forEach(c -> out.put(c.name(), c));
    return out;
  }

  private static Map<String, List<Rule>> byChain(List<Rule> rules) {
    Map<String, List<Rule>> out = new HashMap<>();
    rules.forEach(r -> out.computeIfAbsent(r.chain(), k -> new ArrayList<>()).add(r));
    return out;
  }

  /** Restores the tables if the ruleset changed since the last look and one of them is gone. */
  synchronized void ensure() {
    long now = nft.generation();
    if (now == generation) {
      return;
    }
    // someone else committed a batch (the generation stays ours to compare with, so sync lists the tables again)
    if (!present()) {
      LOG.warning("Lanyard's nf_tables tables were removed; restoring them");
      sync();
    }
  }

  private boolean present() {
    for (Family f : List.of(Family.IP, Family.IP6)) {
      if (nft.tables(f).stream().noneMatch(t -> t.name().equals(FirewallPlan.TABLE))) {
        return false;
      }
    }
    return true;
  }

  private void watch(NftMonitor monitor) {
    try (monitor) {
      while (!closed) {
        boolean[] removed = {false};
        monitor.poll(e -> removed[0] |= e.kind() == NftEvent.Kind.DELETE_TABLE && e.table().equals(FirewallPlan.TABLE));
        if (removed[0] && !closed) {
          ensure();
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.log(Level.WARNING, "nf_tables watch stopped; tables are still checked before each change", e);
      }
    }
  }

  @Override
  public void close() {
    // the watch thread ends at its next wake-up (an event or the monitor's receive timeout)
    closed = true;
    nft.close();
  }
}
