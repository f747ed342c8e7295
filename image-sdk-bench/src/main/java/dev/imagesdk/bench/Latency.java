package dev.imagesdk.bench;

import java.util.Arrays;
import java.util.Map;

/** Per-call latency of a metadata call: warm-up, then {@code n} timed calls; median and p90 in ms. */
final class Latency {
    interface Call {
        Object call() throws Exception;
    }

    private Latency() {
    }

    static Map<String, Object> measure(Child c, Call call) throws Exception {
        int n = c.n();
        // Warm-up long enough for every variant's code to be JIT-compiled (a long-lived client's steady state).
        for (int i = 0; i < Math.max(1000, n / 2); i++) {
            call.call();
        }
        double[] ms = new double[n];
        Probe probe = c.probe();
        probe.start();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Map<String, Object> m = probe.stop();
        Arrays.sort(ms);
        m.put("median_ms", ms[n / 2]);
        m.put("p90_ms", ms[(int) (n * 0.9)]);
        m.put("calls", n);
        return m;
    }
}
