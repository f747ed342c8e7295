package dev.imagesdk.fake.internal.engine;

import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The armed faults, consumed one call at a time; thread-safe. */
public final class FaultPlan {
    private static final class Armed {
        final Operation op;
        final Fault fault;
        int left;

        Armed(Operation op, Fault fault) {
            this.op = op;
            this.fault = fault;
            this.left = fault.timesLeft();
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final java.util.EnumMap<Fault.Kind, Long> fired = new java.util.EnumMap<>(Fault.Kind.class);
    private volatile CountDownLatch stallGate = new CountDownLatch(1);

    public synchronized void inject(Operation op, Fault fault) {
        armed.add(new Armed(op, fault));
    }

    /** The next fault for this operation (specific ones before ANY), consuming one use. */
    public synchronized Optional<Fault> take(Operation op) {
        Armed hit = null;
        for (Armed a : armed) {
            if (a.op == op) {
                hit = a;
                break;
            }
        }
        if (hit == null) {
            for (Armed a : armed) {
                if (a.op == Operation.ANY) {
                    hit = a;
                    break;
                }
            }
        }
        if (hit == null) {
            return Optional.empty();
        }
        if (hit.left > 0 && --hit.left == 0) {
            armed.remove(hit);
        }
        fired.merge(hit.fault.kind(), 1L, Long::sum);
        return Optional.of(hit.fault);
    }

    public synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Iterator<Armed> it = armed.iterator(); it.hasNext();) {
            Armed a = it.next();
            out.add(a.op + ": " + a.fault.kind() + " (" + (a.left < 0 ? "always" : a.left + " left") + ")");
        }
        return out;
    }

    /** Zeroes the {@link #fired()} counts. */
    public synchronized void resetCounts() {
        fired.clear();
    }

    /** How many times each kind of fault was applied since the last {@link #resetCounts()} (not cleared by {@link #clear()}). */
    public synchronized java.util.Map<Fault.Kind, Long> fired() {
        return java.util.Map.copyOf(fired);
    }

    public synchronized void clear() {
        armed.clear();
        releaseStalls();
    }

    private int stalled;

    /** Blocks a stalled request until released or {@code max} passes. */
    public void stall(java.time.Duration max) throws InterruptedException {
        CountDownLatch gate = stallGate;
        synchronized (this) {
            stalled++;
            notifyAll();
        }
        try {
            gate.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            synchronized (this) {
                stalled--;
            }
        }
    }

    /** Waits until at least {@code n} requests are stalled; false on timeout. */
    public synchronized boolean awaitStalled(int n, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (stalled < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public void releaseStalls() {
        CountDownLatch old = stallGate;
        stallGate = new CountDownLatch(1);
        old.countDown();
    }
}
