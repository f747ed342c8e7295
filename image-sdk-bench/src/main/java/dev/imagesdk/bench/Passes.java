package dev.imagesdk.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * A whole-list measurement: {@value #WARMUP} untimed passes (so every variant runs JIT-compiled code, as a
 * long-lived client does), then {@value #TIMED} timed ones. {@code wall_s} is the median pass; {@code cpu_s}
 * and {@code server_cpu_s} are per pass; {@code heap_mib} is the peak of one more pass that starts after a
 * full GC (so it is what one pass needs, not the garbage of five).
 */
final class Passes {
    static final int WARMUP = 3;
    static final int TIMED = 5;

    /** One pass over the whole list; returns the number of images seen. */
    interface Pass {
        long run() throws Exception;
    }

    private Passes() {
    }

    static Map<String, Object> measure(Child c, Pass pass) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            pass.run();
        }
        double[] walls = new double[TIMED];
        long n = 0;
        Probe probe = c.probe();
        probe.start();
        for (int i = 0; i < TIMED; i++) {
            long t = System.nanoTime();
            n = pass.run();
            walls[i] = (System.nanoTime() - t) / 1e9;
        }
        Map<String, Object> m = probe.stop();
        Arrays.sort(walls);
        m.put("wall_s", walls[TIMED / 2]);
        m.put("cpu_s", (Double) m.get("cpu_s") / TIMED);
        m.put("server_cpu_s", (Double) m.get("server_cpu_s") / TIMED);
        m.put("count", n);
        Probe heap = c.probe();
        heap.start();
        pass.run();
        m.put("heap_mib", heap.stop().get("heap_mib"));
        m.put("passes", TIMED);
        return m;
    }
}
