package dev.ledger.command.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;

class AggregateLocksTest {

    private final AggregateLocks locks = new AggregateLocks(Duration.ofMillis(200));

    @Test
    void shouldLetTheHolderTakeItsLockAgainAtOnce() {
        try (CommandDeadline deadline = CommandDeadline.start(Duration.ZERO)) {
            Lock ahead = locks.acquireAll(List.of("a"), System.nanoTime() + 1_000_000_000L);
            Lock inside = locks.obtainLock("a");
            assertThat(inside.isHeld()).isTrue();
            inside.release();
            assertThat(ahead.isHeld()).isTrue();
            ahead.release();
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void shouldGiveUpAtTheRequestsDeadlineAndHoldNothingThen() throws Exception {
        Lock held = locks.obtainLock("b");
        try {
            long started = System.nanoTime();
            Throwable waited = CompletableFuture.supplyAsync(() -> {
                try (CommandDeadline deadline = CommandDeadline.start(Duration.ofMillis(300))) {
                    return catching(() -> locks.acquireAll(List.of("a", "b"), deadline.nanos()));
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(waited).isInstanceOf(LockAcquisitionFailedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                                                                             Duration.ofMillis(2_000));
            // "a" was taken on the way to "b" and let go again
            assertThat(CompletableFuture.supplyAsync(() -> catching(() -> locks.obtainLock("a").release()))
                                        .get(5, TimeUnit.SECONDS)).isNull();
        } finally {
            held.release();
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void shouldWaitTheDefaultOffARequest() throws Exception {
        Lock held = locks.obtainLock("c");
        try {
            Throwable waited = CompletableFuture.supplyAsync(() -> catching(() -> locks.obtainLock("c")))
                                                .get(5, TimeUnit.SECONDS);
            assertThat(waited).isInstanceOf(LockAcquisitionFailedException.class);
        } finally {
            held.release();
        }
    }

    @Test
    void shouldServeAWaiterOnceTheHolderReleases() throws Exception {
        Lock held = locks.obtainLock("d");
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(
                () -> catching(() -> locks.obtainLock("d").release()));
        await().atMost(Duration.ofSeconds(5)).until(() -> locks.waiting("d") == 1);
        held.release();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(locks.size()).isZero();
    }

    @Test
    void shouldTakeAFreeLockButNotWaitForAHeldOneOnceTheDeadlineIsGone() throws Exception {
        Lock held = locks.obtainLock("f");
        try {
            List<Throwable> outcomes = CompletableFuture.supplyAsync(() -> {
                try (CommandDeadline gone = CommandDeadline.start(Duration.ofMillis(-1))) {
                    return Arrays.asList(catching(() -> locks.obtainLock("e").release()),
                                                   catching(() -> locks.obtainLock("f")));
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(outcomes.get(0)).isNull();
            assertThat(outcomes.get(1)).isInstanceOf(LockAcquisitionFailedException.class);
        } finally {
            held.release();
        }
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
