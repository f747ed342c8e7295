package dev.imagesdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.InstrumentedServices;
import dev.imagesdk.InstrumentedServices.Instrumented;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.FakeUser;
import dev.imagesdk.reliability.proxy.ProxyCases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded fault matrix (issue 10): a few thousand random operations from several threads through one
 * shared v2 and one shared v1 {@link ImageService} against the fake, which injects every named fault at
 * random. Each operation's outcome is checked against the fake's state; the run is done once and the
 * tests below assert on it. Settable: {@code -Dfaultmatrix.seed=S}, {@code -Dfaultmatrix.ops=N}.
 *
 * <p>The whole run has the SDK's DEBUG wire logging on (see {@code simplelogger.properties}); what it
 * writes is captured and scanned for every token the fake issued, the password and the application
 * credential secret.
 */
class FaultMatrixTest {
    private static final int THREADS = 4;
    private static final int DEFAULT_OPS = 2400;
    /** Generous: the default run takes well under a minute; only a hang gets near this. */
    private static final long BUDGET_SECONDS = 170;
    private static final String PASSWORD = "Matrix-Pa55word-7c1e";
    private static final String APP_SECRET = "matrix-app-cred-secret-93f0aa";

    @TempDir
    static Path dir;

    private static FakeGlance fake;
    private static final Tally TALLY = new Tally();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static long seed;
    private static int ops;
    private static long retries;
    private static long reauths;
    private static Map<String, Long> faults;
    private static Set<String> tokens;
    private static ProxyCases proxy;
    private static long proxySeconds;

    @BeforeAll
    static void runMatrix() throws Exception {
        seed = Long.getLong("faultmatrix.seed", System.nanoTime());
        ops = Integer.getInteger("faultmatrix.ops", DEFAULT_OPS);
        System.out.println("FAULT-MATRIX starting: seed=" + seed + " operations=" + ops + " threads=" + THREADS
                + " (rerun with -Dfaultmatrix.seed=" + seed + ")");
        fake = FakeGlance.builder()
                .user(new FakeUser("matrix", PASSWORD, "matrix", false))
                .user(new FakeUser("partner", "partner-pw", "partner", false))
                .start();
        // capture from the first Keystone call on, so authentication is scanned too
        PrintStream err = System.err;
        System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8));
        try {
            runCaptured();
        } finally {
            System.setErr(err);
        }
    }

    private static void runCaptured() throws Exception {
        String appCred = fake.addApplicationCredential("matrix", "matrix-v1", APP_SECRET);
        ClientConfig.Builder base = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofMillis(800)).maxAttempts(4).initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(40)).maxTotalRetryWait(Duration.ofMillis(1500));
        Instrumented v2 = InstrumentedServices.build(base.auth(AuthMethod.V3Password.of("matrix", PASSWORD,
                "Default", "matrix")).build(), ApiVersion.V2);
        Instrumented v1 = InstrumentedServices.build(base.auth(new AuthMethod.V3ApplicationCredential(appCred,
                APP_SECRET)).build(), ApiVersion.V1);
        Map<ApiVersion, ImageService> services = new EnumMap<>(ApiVersion.class);
        services.put(ApiVersion.V2, v2.service());
        services.put(ApiVersion.V1, v1.service());

        List<MatrixWorker> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        for (int i = 0; i < THREADS; i++) {
            MatrixWorker w = new MatrixWorker(i, ops / THREADS + (i < ops % THREADS ? 1 : 0), seed + 31L * i,
                    fake, services, fake.projectId("partner"), dir, TALLY);
            workers.add(w);
            pool.submit(w);
        }
        pool.shutdown();
        if (!pool.awaitTermination(BUDGET_SECONDS, TimeUnit.SECONDS)) {
            for (MatrixWorker w : workers) {
                if (!w.current.equals("done")) {
                    TALLY.violation("hang: worker still at " + w.current + " after " + BUDGET_SECONDS + " s");
                }
            }
            pool.shutdownNow();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        faults = new TreeMap<>();
        fake.faultsApplied().forEach((k, v) -> faults.put(k.name(), v));
        fake.clearFaults();
        // issue 16: the cases only a hostile proxy can produce, through fresh services (static token)
        long p0 = System.nanoTime();
        proxy = new ProxyCases(fake, services, seed ^ 0x5EEDL, TALLY::violation, TALLY::typedFailure);
        proxy.run(fake.issueToken("matrix"));
        proxySeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - p0);
        finalSweep(workers, services);
        retries = v1.executor().retryCount() + v2.executor().retryCount();
        reauths = v1.executor().reauthenticationCount() + v2.executor().reauthenticationCount();
        v1.service().close();
        v2.service().close();
        tokens = new HashSet<>(fake.issuedTokens());
        report(seconds);
        // kept for diagnosis; the secrets test below scans this same text
        java.nio.file.Files.write(Path.of("target", "faultmatrix-debug.log"), LOG.toByteArray());
    }

    /** Without faults: every tracked image still holds its bytes, and no image is left that no worker knows. */
    private static void finalSweep(List<MatrixWorker> workers, Map<ApiVersion, ImageService> services) {
        Set<String> known = new HashSet<>();
        for (MatrixWorker w : workers) {
            for (MatrixWorker.Tracked t : w.images()) {
                known.add(t.id);
                if (t.data != null) {
                    Object md5 = fake.image(t.id).map(m -> m.get("checksum")).orElse(null);
                    if (!MatrixWorker.hex("MD5", t.data).equals(md5)) {
                        TALLY.violation("final: image " + t.id + " does not hold the bytes uploaded (md5 " + md5 + ")");
                    }
                }
                try {
                    services.get(t.version).delete(t.id);
                } catch (dev.imagesdk.exception.ImageSdkException e) {
                    TALLY.violation("final: deleting " + t.id + " without faults failed: " + e);
                }
            }
        }
        for (Map<String, Object> img : fake.images()) {
            String status = (String) img.get("status");
            if (!"deleted".equals(status) && !known.contains((String) img.get("id"))) {
                TALLY.violation("final: orphan image " + img.get("id") + " (" + img.get("name") + ", " + status
                        + ") that no operation reported");
            }
        }
    }

    private static void report(long seconds) {
        long faultCount = faults.values().stream().mapToLong(Long::longValue).sum();
        List<String> violations = TALLY.violations();
        long proxyFaults = proxy.applied().entrySet().stream().filter(e -> !e.getKey().equals("normalised"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.println("FAULT-MATRIX seed " + seed + ", " + THREADS + " threads, " + seconds + " s");
        System.out.println("  operations by kind: " + Tally.sorted(TALLY.operationsByKind));
        System.out.println("  faults applied by kind: " + faults);
        System.out.println("  token revocations (expiry): " + TALLY.tokenRevocations.sum());
        System.out.println("  retries: " + retries + ", re-authentications: " + reauths);
        System.out.println("  typed failures by kind: " + Tally.sorted(TALLY.typedFailures));
        System.out.println("  failed createAndUploads whose cleanup was refused too (reported in the exception): "
                + TALLY.reportedLeftovers.sum());
        System.out.println("  slowest operation: " + TALLY.slowest());
        System.out.println("  hostile-proxy cases by kind: " + proxy.cases() + ", faults struck: " + proxy.applied()
                + ", " + proxySeconds + " s");
        System.out.println("  violations: " + violations.size());
        violations.stream().limit(50).forEach(v -> System.out.println("    " + v));
        System.out.println("FAULT-MATRIX seed=" + seed + " operations=" + TALLY.operations.sum() + " faults="
                + faultCount + " retries=" + retries + " reauths=" + reauths + " typed_failures="
                + TALLY.typedFailureCount() + " proxy_cases=" + proxy.total() + " proxy_faults=" + proxyFaults
                + " proxy_normalised=" + proxy.applied().get("normalised") + " proxy_stall="
                + proxy.applied().get("stall") + " proxy_reset_request=" + proxy.applied().get("reset_request")
                + " proxy_reset_response=" + proxy.applied().get("reset_response") + " proxy_corrupt="
                + proxy.applied().get("corrupt") + " violations=" + violations.size());
    }

    @AfterAll
    static void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void everyOperationReturnsACorrectResultOrThrowsTyped() {
        assertThat(TALLY.operations.sum()).isEqualTo(ops);
        assertThat(faults).as("faults applied").isNotEmpty();
        assertThat(proxy.applied()).as("hostile-proxy faults struck")
                .allSatisfy((kind, n) -> assertThat(n).as(kind).isPositive());
        assertThat(TALLY.violations()).as("violations (seed " + seed + ")").isEmpty();
    }

    @Test
    void noTokenPasswordOrSecretInDebugLogsOrExceptionMessages() {
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the DEBUG wire log was captured").contains("--> POST").contains("<-- ");
        assertThat(tokens).as("tokens issued").isNotEmpty();
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(PASSWORD);
        secrets.add(APP_SECRET);
        List<String> messages = TALLY.messages();
        assertThat(messages).as("exception messages seen").isNotEmpty();
        for (String s : secrets) {
            String shown = s.substring(0, 6) + "...";
            assertThat(log.contains(s)).as("log contains secret " + shown).isFalse();
            assertThat(messages.stream().filter(m -> m.contains(s)).findFirst())
                    .as("an exception message contains secret " + shown).isEmpty();
        }
    }
}
