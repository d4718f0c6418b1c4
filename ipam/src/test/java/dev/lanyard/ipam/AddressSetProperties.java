package dev.lanyard.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Both address sets behave like a sorted set of longs (the model) under any sequence of operations. */
class AddressSetProperties {
  record Op(int kind, long offset, long span) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs().between(0, 1 << 20),
        Arbitraries.longs().between(0, 300)).as(Op::new).list().ofMaxSize(400);
  }

  @Property
  void denseMatchesTheModel(@ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 0, max = 14) int hostBits) {
    check(AddressSet.forHostBits(hostBits), 1L << hostBits, ops);
  }

  @Property
  void sparseMatchesTheModel(@ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 25, max = 63) int hostBits) {
    AddressSet set = AddressSet.forHostBits(hostBits);
    assertThat(set).isInstanceOf(SparseAddressSet.class);
    // keep offsets near both ends of the window, where overflow would show
    check(set, 1L << Math.min(hostBits, 12), ops);
    AddressSet top = new SparseAddressSet();
    long shift = Long.MAX_VALUE - 4096;
    TreeSet<Long> model = new TreeSet<>();
    for (Op op : ops) {
      long offset = shift + op.offset() % 4097;
      if (op.kind() % 2 == 0) {
        assertThat(top.add(offset)).isEqualTo(model.add(offset));
      } else {
        assertThat(top.remove(offset)).isEqualTo(model.remove(offset));
      }
      Long free = firstFreeInModel(model, shift, Long.MAX_VALUE);
      assertThat(top.firstFree(shift, Long.MAX_VALUE)).isEqualTo(free == null ? AddressSet.NONE : free);
    }
  }

  private void check(AddressSet set, long capacity, List<Op> ops) {
    TreeSet<Long> model = new TreeSet<>();
    for (Op op : ops) {
      long offset = op.offset() % capacity;
      switch (op.kind()) {
        case 0, 1 -> {
          // fill a run, so that words and pages become full
          for (long o = offset; o < Math.min(capacity, offset + op.span()); o++) {
            assertThat(set.add(o)).isEqualTo(model.add(o));
          }
        }
        case 2 -> assertThat(set.remove(offset)).isEqualTo(model.remove(offset));
        default -> {
          long to = Math.min(capacity - 1, offset + op.span());
          Long free = firstFreeInModel(model, offset, to);
          assertThat(set.firstFree(offset, to)).isEqualTo(free == null ? AddressSet.NONE : free);
          assertThat(set.countIn(offset, to)).isEqualTo(model.subSet(offset, true, to, true).size());
        }
      }
      assertThat(set.contains(offset)).isEqualTo(model.contains(offset));
      assertThat(set.count()).isEqualTo(model.size());
      Long lowest = firstFreeInModel(model, 0, capacity - 1);
      assertThat(set.firstFree(0, capacity - 1)).isEqualTo(lowest == null ? AddressSet.NONE : lowest);
    }
  }

  private static Long firstFreeInModel(TreeSet<Long> model, long from, long to) {
    for (long o = from; o <= to && o >= 0; o++) {
      if (!model.contains(o)) {
        return o;
      }
    }
    return null;
  }

  @Example
  void aFullDenseWindowHasNoFreeOffsetAndFreesOneAgain() {
    AddressSet set = AddressSet.forHostBits(16);
    for (long o = 0; o < 65536; o++) {
      set.add(o);
    }
    assertThat(set.firstFree(0, 65535)).isEqualTo(AddressSet.NONE);
    set.remove(40000);
    assertThat(set.firstFree(0, 65535)).isEqualTo(40000);
    assertThat(set.firstFree(40001, 65535)).isEqualTo(AddressSet.NONE);
  }

  @Example
  void findsTheOnlyHoleOfAFullSlashEightThroughEverySummaryLevel() {
    AddressSet set = AddressSet.forHostBits(24);
    long capacity = 1L << 24;
    long hole = 12_345_678;
    for (long o = 0; o < capacity; o++) {
      if (o != hole) {
        set.add(o);
      }
    }
    assertThat(set.firstFree(0, capacity - 1)).isEqualTo(hole);
    assertThat(set.firstFree(hole + 1, capacity - 1)).isEqualTo(AddressSet.NONE);
    set.add(hole);
    assertThat(set.firstFree(0, capacity - 1)).isEqualTo(AddressSet.NONE);
    set.remove(capacity - 1);
    assertThat(set.firstFree(0, capacity - 1)).isEqualTo(capacity - 1);
    assertThat(set.count()).isEqualTo(capacity - 1);
  }
}
