package dev.imagesdk.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of one matrix run: operations, typed failures by kind, violations, messages seen. */
final class Tally {
    final LongAdder operations = new LongAdder();
    final Map<String, LongAdder> operationsByKind = new ConcurrentHashMap<>();
    final Map<String, LongAdder> typedFailures = new ConcurrentHashMap<>();
    final LongAdder tokenRevocations = new LongAdder();
    /** Failed createAndUploads whose cleanup the service refused too, reported in the exception. */
    final LongAdder reportedLeftovers = new LongAdder();
    private final List<String> violations = new ArrayList<>();
    /** Every exception message (whole cause chain) thrown to the matrix, for the secrets scan. */
    private final List<String> messages = new ArrayList<>();

    void operation(String kind) {
        operations.increment();
        operationsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void typedFailure(Throwable t) {
        typedFailures.computeIfAbsent(publicType(t.getClass()), k -> new LongAdder()).increment();
        message(t);
    }

    /** The public exception type (internal subclasses count as the type users catch). */
    private static String publicType(Class<?> c) {
        Class<?> k = c;
        while (k != null && !k.getPackageName().equals("dev.imagesdk.exception")) {
            k = k.getSuperclass();
        }
        return k == null ? c.getName() : k.getSimpleName();
    }

    synchronized void message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.add(c.toString());
            for (Throwable s : c.getSuppressed()) {
                messages.add(s.toString());
            }
        }
    }

    private long slowestMs = -1;
    private String slowest = "none";

    synchronized void duration(long ms, String what) {
        if (ms > slowestMs) {
            slowestMs = ms;
            slowest = ms + " ms: " + what;
        }
    }

    synchronized String slowest() {
        return slowest;
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    long typedFailureCount() {
        return typedFailures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static Map<String, Long> sorted(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
