package dev.imagesdk.bench;

import dev.imagesdk.fake.AuthMode;
import dev.imagesdk.fake.FakeGlance;

import java.util.concurrent.CountDownLatch;

/**
 * The fake Glance in its own JVM, as the standalone jar runs it, but with a memory threshold chosen by the
 * driver (the standalone has no flag for it): 1 GiB blobs stay in heap, larger ones spill to temp files.
 * Prints {@code READY url} when listening; stops on SIGTERM (temp files removed).
 */
final class ServerMain {
    private ServerMain() {
    }

    static void main(String[] args) throws InterruptedException {
        long threshold = Long.parseLong(args[0]);
        FakeGlance fake = FakeGlance.builder().auth(AuthMode.KEYSTONE).memoryThreshold(threshold).start();
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
