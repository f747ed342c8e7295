package dev.imagesdk.bench;

import dev.imagesdk.fake.AuthMode;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.FakeUser;

import java.util.concurrent.CountDownLatch;

/**
 * The fake Glance in its own JVM, as the standalone jar runs it, but with a memory threshold chosen by the
 * driver (the standalone has no flag for it): 1 GiB blobs stay in heap, larger ones spill to temp files.
 * With a second argument ({@code regions}) it serves {@link RegionVariants#names()}, one fake per region behind
 * the first region's Keystone (case 8). Prints {@code READY url} when listening; stops on SIGTERM (temp files
 * removed).
 */
final class ServerMain {
    /** The user (and its project) whose images case 9 lists; seeded in-process when {@code bench.listImages} > 0. */
    static final String LIST_USER = "list_user";

    private ServerMain() {
    }

    static void main(String[] args) throws InterruptedException {
        long threshold = Long.parseLong(args[0]);
        FakeGlance.Builder b = FakeGlance.builder().auth(AuthMode.KEYSTONE).memoryThreshold(threshold);
        if (args.length > 1) { // case 8: one fake per region behind one Keystone
            b.regions(RegionVariants.names().toArray(String[]::new));
        }
        int listImages = Integer.getInteger("bench.listImages", 0);
        if (listImages > 0) { // naming a user replaces the default ones: keep them
            b.user(new FakeUser("admin", "admin", "admin", true)).user(new FakeUser("demo", "demo", "demo", false))
                    .user(new FakeUser("alt_demo", "alt_demo", "alt_demo", false))
                    .user(new FakeUser(LIST_USER, LIST_USER, LIST_USER, false));
        }
        FakeGlance fake = b.start();
        for (int i = 0; i < listImages; i++) { // in-process: 10,000 images in about a second
            fake.seedImage(LIST_USER, java.util.Map.of("name", "bench-list-default-" + i, "disk_format", "raw",
                    "container_format", "bare"), null);
        }
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
