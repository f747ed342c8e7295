package dev.imagesdk.reliability.memory;

import dev.imagesdk.testsupport.memory.ChildJvm;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the child-JVM memory checks share: run a check's {@code main} at {@code -Xmx64m}, assert it exits 0 and
 * reports a heap within 64 MiB ({@code maxHeapMiB=.. peakHeapUsedMiB=..}), and, inside the child, fail loudly.
 */
final class HeapBoundChild {

    private HeapBoundChild() {
    }

    /** Runs {@code main} with {@code args} in a child JVM at {@code -Xmx64m}; returns its output. */
    static String run(Class<?> main, String... args) throws Exception {
        String output = ChildJvm.run(main, List.of("-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"),
                args);
        Matcher m = Pattern.compile("maxHeapMiB=(\\d+) peakHeapUsedMiB=(\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Long.parseLong(m.group(1))).isLessThanOrEqualTo(64);
        assertThat(Long.parseLong(m.group(2))).isLessThanOrEqualTo(64);
        return output;
    }

    /** In the child: an {@link AssertionError} saying {@code what} unless {@code ok}. */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
