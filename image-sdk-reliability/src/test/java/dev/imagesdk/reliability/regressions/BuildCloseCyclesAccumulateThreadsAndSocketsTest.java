package dev.imagesdk.reliability.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, item 7: {@code ImageService.close()} left the JDK {@code HttpClient}'s selector thread and its
 * pooled connections until the garbage collector ran (JDK 17's client has no {@code close()}): 50
 * build/use/close cycles held 35-50 TCP connections and 110-160 threads. Services with the same settings now
 * share one client. Counted without {@code System.gc()}: selector threads, and open sockets of this JVM
 * (client and fake sides both, from {@code /proc/self/fd}).
 */
@ExtendWith(FakeGlanceExtension.class)
class BuildCloseCyclesAccumulateThreadsAndSocketsTest {

    private static final int CYCLES = 50;

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
    }

    /** Open sockets of this JVM (Linux: {@code /proc/self/fd} links to {@code socket:[inode]}); -1 elsewhere. */
    private static long openSockets() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Live threads other than the fake's own (its request pool grows to 64 as connections arrive). */
    private static long clientSideThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("fake-glance-")).count();
    }

    @Test
    void fiftyBuildUseCloseCyclesLeaveAtMostTwoSelectorThreadsAndABoundedNumberOfSockets(FakeGlance fake) {
        String id = fake.seedImage(fake.projectOf("demo"), Map.of("name", "cycle", "disk_format", "raw",
                "container_format", "bare"), new java.io.ByteArrayInputStream(new byte[4096]));
        long selectorsBefore = selectorThreads(); // other tests of this JVM may have left clients of their own
        long socketsBefore = openSockets();
        long threadsBefore = clientSideThreads();
        for (int i = 0; i < CYCLES; i++) {
            try (ImageService images = Clients.of(fake, ApiVersion.V2)) {
                assertThat(images.get(id).id()).isEqualTo(id);
                images.download(id).toOutputStream(OutputStream.nullOutputStream());
            }
        }
        long selectors = selectorThreads();
        long socketsAfter = openSockets();
        long threadsAfter = clientSideThreads();
        System.out.printf("BUILD-CLOSE cycles=%d java=%s selectorThreads=%d->%d sockets=%d->%d threads=%d->%d%n", CYCLES,
                Runtime.version(), selectorsBefore, selectors, socketsBefore, socketsAfter, threadsBefore, threadsAfter);
        // one shared client for all 50 services (and at most one being shut down on JDK 21+)
        assertThat(selectors - selectorsBefore).as("HttpClient selector threads added by %d cycles", CYCLES)
                .isLessThanOrEqualTo(2);
        assertThat(threadsAfter - threadsBefore).as("threads (not the fake's) added by %d cycles", CYCLES).isLessThanOrEqualTo(10);
        if (socketsBefore >= 0) {
            // the fake's side of each pooled connection counts too: a few pooled client connections, both ends
            assertThat(socketsAfter - socketsBefore).as("sockets added by %d cycles", CYCLES).isLessThanOrEqualTo(16);
        }
    }
}
