package dev.imagesdk.fake;

import java.util.concurrent.CountDownLatch;

/**
 * Standalone fake: {@code java -jar image-sdk-fake-<version>-standalone.jar --port N
 * [--auth keystone|none|external] [--keystone-url URL --service-user U:P:PROJECT]
 * [--user NAME:PASSWORD:PROJECT[:admin]]... [--advertise-v1] [--read-timeout SECONDS]
 * [--idle-timeout SECONDS]}. Listens on 127.0.0.1, prints its URL when ready,
 * stops cleanly on SIGTERM (temp files removed).
 */
public final class FakeGlanceMain {
    private FakeGlanceMain() {
    }

    /**
     * Starts the fake and serves until the process is stopped.
     *
     * @param args the options in the class comment
     * @throws InterruptedException if the main thread is interrupted while serving
     * @throws IllegalArgumentException for an unknown option or a malformed {@code --user}
     */
    public static void main(String[] args) throws InterruptedException {
        FakeGlance.Builder b = FakeGlance.builder();
        String keystoneUrl = null;
        FakeUser service = null;
        AuthMode mode = AuthMode.KEYSTONE;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port":
                        b.port(Integer.parseInt(value(args, ++i, a)));
                        break;
                    case "--auth":
                        mode = AuthMode.valueOf(value(args, ++i, a).toUpperCase());
                        break;
                    case "--keystone-url":
                        keystoneUrl = value(args, ++i, a);
                        break;
                    case "--service-user":
                        service = FakeUser.parse(value(args, ++i, a));
                        break;
                    case "--user":
                        b.user(FakeUser.parse(value(args, ++i, a)));
                        break;
                    case "--read-timeout":
                        b.readTimeout(java.time.Duration.ofMillis(seconds(value(args, ++i, a), a)));
                        break;
                    case "--idle-timeout":
                        b.idleTimeout(java.time.Duration.ofMillis(seconds(value(args, ++i, a), a)));
                        break;
                    case "--advertise-v1":
                        b.advertiseV1(true);
                        break;
                    case "--help":
                    case "-h":
                        usage();
                        return;
                    default:
                        throw new IllegalArgumentException("unknown option " + a);
                }
            }
            b.auth(mode);
            if (mode == AuthMode.EXTERNAL) {
                if (keystoneUrl == null || service == null) {
                    throw new IllegalArgumentException("--auth external needs --keystone-url and --service-user");
                }
                b.externalKeystone(keystoneUrl, service);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        FakeGlance fake = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-glance-shutdown"));
        System.out.println("Fake Glance listening on " + fake.url() + " (Keystone: " + fake.keystoneUrl()
                + ", auth " + mode.name().toLowerCase() + ")");
        System.out.flush();
        stopped.await();
    }

    private static long seconds(String v, String opt) {
        try {
            return Math.round(Double.parseDouble(v) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a number of seconds: " + v);
        }
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: java -jar image-sdk-fake-standalone.jar --port N [--auth keystone|none|external]"
                + " [--keystone-url URL --service-user U:P:PROJECT] [--user NAME:PASSWORD:PROJECT[:admin]]... [--advertise-v1]"
                + " [--read-timeout SECONDS (default 30)] [--idle-timeout SECONDS (default 120)]");
    }
}
