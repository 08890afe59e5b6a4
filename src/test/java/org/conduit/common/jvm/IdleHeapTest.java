package org.conduit.common.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tests' profile turns the idle collection off ({@link IdleCompactionTest} turns it on), and
 * the rest works on its own instances.
 */
@QuarkusTest
class IdleHeapTest {

  @Test
  void zeroTurnsTheIdleCollectionOff() {
    assumeTrue(IdleHeap.usesG1(), "the JVM running the tests uses another collector");
    VMOption option = intervalOption();
    assertEquals("0", option.getValue());
    assertEquals(VMOption.Origin.MANAGEMENT, option.getOrigin());
  }

  /** The JVM's idle collection interval as it stands, with where it came from. */
  static VMOption intervalOption() {
    return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .getVMOption(IdleHeap.FLAG);
  }

  @Test
  void onlyTheFirstIdleCollectionAfterWorkCallsForACompaction() {
    IdleHeap heap = new IdleHeap(Duration.ofSeconds(60));
    assertTrue(heap.compactAfter(IdleHeap.IDLE_CAUSE), "the start counts as work");
    assertFalse(heap.compactAfter(IdleHeap.IDLE_CAUSE), "still idle");
    assertFalse(heap.compactAfter(IdleHeap.OWN_CAUSE));
    assertFalse(heap.compactAfter(IdleHeap.IDLE_CAUSE), "its own collection is no work");
    assertFalse(heap.compactAfter("G1 Evacuation Pause"));
    assertTrue(heap.compactAfter(IdleHeap.IDLE_CAUSE), "idle again after work");
    assertFalse(heap.compactAfter(IdleHeap.IDLE_CAUSE));
  }

  @Test
  void theCompactionLeavesLittleFreeHeapAndPutsTheRatiosBack() {
    assumeTrue(IdleHeap.usesG1(), "the JVM running the tests uses another collector");
    new IdleHeap(Duration.ofSeconds(60)).compact();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    // G1's default would keep up to 70% free, over three times what is used; 30% at most here.
    assertTrue(
        heap.getCommitted() < 2 * heap.getUsed() + 32 * 1024 * 1024,
        heap.getCommitted() + " committed for " + heap.getUsed() + " used");
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    assertEquals("40", vm.getVMOption(IdleHeap.MIN_FREE).getValue());
    assertEquals("70", vm.getVMOption(IdleHeap.MAX_FREE).getValue());
  }

  @Test
  void theNativeHeapIsTrimmedThroughTheJvmsOwnCommand() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "glibc's trim is Linux only");
    String report = IdleHeap.trimNativeHeap().orElse("no report");
    assertTrue(report.startsWith("Trim native heap"), report);
  }
}
