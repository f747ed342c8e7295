package dev.imagesdk.bench;

import dev.imagesdk.fake.AuthMode;
import dev.imagesdk.fake.FakeGlance;

import java.util.concurrent.CountDownLatch;

/**
 * The fake Glance in its own JVM, as the standalone jar runs it, but with a memory threshold chosen by the
 * driver (the standalone has no flag for it): 1 GiB blobs stay in heap, larger ones spill to temp files.
 * With a second argument ({@code regions}) it serves {@link RegionVariants#names()}, one fake per region behind
 * the first region's Keystone (case 8). Prints {@code READY url} when listening; stops on SIGTERM (temp files
 * removed).
 */
final class ServerMain {
    private ServerMain() {
    }

    static void main(String[] args) throws InterruptedException {
        long threshold = Long.parseLong(args[0]);
        FakeGlance.Builder b = FakeGlance.builder().auth(AuthMode.KEYSTONE).memoryThreshold(threshold);
        if (args.length > 1) { // case 8: one fake per region behind one Keystone
            b.regions(RegionVariants.names().toArray(String[]::new));
        }
        FakeGlance fake = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "bench-server-shutdown"));
        System.out.println("READY " + fake.url());
        System.out.flush();
        stopped.await();
    }
}
