package dev.imagesdk.reliability.proxy;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.reliability.proxy.HostileProxy.Fault;
import dev.imagesdk.reliability.proxy.HostileProxy.Kind;
import dev.imagesdk.v2.ImageServiceV2;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The fault-matrix cases that need a hostile proxy between the SDK and the fake (issue 16): hostile ids, tags and
 * member ids through a path-normalising proxy never address another resource (a victim image survives every one,
 * and every forwarded path keeps its segment count), and through a faulting proxy a stall ends in a bounded
 * failure, a reset after N bytes (either direction) and a corrupted body byte end verified or typed (a download
 * never returns wrong bytes, a failed create leaves no orphan). Violations go to the caller's list.
 */
public final class ProxyCases {

    /** The longest a single proxied operation may take before it counts as a near-hang. */
    private static final long BOUND_MS = 12_000;

    private final FakeGlance fake;
    private final Map<ApiVersion, ImageService> direct;
    private final Random random;
    private final Consumer<String> violation;
    private final Consumer<Throwable> typedFailure;
    /** Cases run, by kind. */
    private final Map<String, Long> cases = new TreeMap<>();
    /** Faults that struck a request, by kind; {@code normalised}: requests sent through the normalising proxy. */
    private final Map<String, Long> applied = new TreeMap<>();

    public ProxyCases(FakeGlance fake, Map<ApiVersion, ImageService> direct, long seed, Consumer<String> violation,
                      Consumer<Throwable> typedFailure) {
        this.fake = fake;
        this.direct = direct;
        this.random = new Random(seed);
        this.violation = violation;
        this.typedFailure = typedFailure;
    }

    /** Cases run by kind: {@code normalised}, {@code stall}, {@code reset_request}, ... */
    public Map<String, Long> cases() {
        return cases;
    }

    public long total() {
        return cases.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Faults that struck, by kind ({@code stall}, {@code reset_request}, ...; {@code normalised}: hostile cases). */
    public Map<String, Long> applied() {
        return applied;
    }

    /** Runs every case; returns after both proxies are closed. */
    public void run(String token) throws Exception {
        try (HostileProxy normalising = new HostileProxy(fake.port(), true, Duration.ofSeconds(3));
             ImageService v2 = service(normalising, token, ApiVersion.V2);
             ImageService v1 = service(normalising, token, ApiVersion.V1)) {
            hostilePaths(normalising, (ImageServiceV2) v2, v1);
            applied.put("normalised", cases.getOrDefault("normalised", 0L));
            if (normalising.rewritten() > 0) {
                // every path value is one encoded segment with no '.'/'..' and no escaped unreserved character,
                // so a normalising proxy has nothing to change in any request the SDK sends
                violation.accept("the normalising proxy rewrote " + normalising.rewritten() + " request paths");
            }
        }
        try (HostileProxy faulty = new HostileProxy(fake.port(), false, Duration.ofSeconds(3));
             ImageService v2 = service(faulty, token, ApiVersion.V2);
             ImageService v1 = service(faulty, token, ApiVersion.V1)) {
            transferFaults(faulty, Map.of(ApiVersion.V2, v2, ApiVersion.V1, v1));
            applied.put("stall", faulty.applied(Kind.STALL_BEFORE_STATUS));
            applied.put("reset_request", faulty.applied(Kind.RESET_REQUEST_AFTER));
            applied.put("reset_response", faulty.applied(Kind.RESET_RESPONSE_AFTER));
            applied.put("corrupt", faulty.applied(Kind.CORRUPT_RESPONSE_BYTE));
        }
    }

    private static ImageService service(HostileProxy proxy, String token, ApiVersion v) {
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken(token))
                .imageEndpoint(proxy.url().toString()).apiVersion(v)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofMillis(800)).maxAttempts(4).initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(40)).maxTotalRetryWait(Duration.ofMillis(1500)).build();
        return ImageService.builder().config(config).apiVersion(v).build();
    }

    // ---- (a) a path-normalising proxy and hostile values ----

    private void hostilePaths(HostileProxy proxy, ImageServiceV2 v2, ImageService v1) {
        ImageService plain = direct.get(ApiVersion.V2);
        Image victim = plain.create(spec(UUID.randomUUID().toString(), "proxy-victim"));
        plain.addTag(victim.id(), "keep");
        Image target = plain.create(spec(UUID.randomUUID().toString(), "proxy-target"));
        plain.addTag(target.id(), "t1");
        String v = victim.id();
        String t = target.id();
        List<String> values = List.of("..", ".", "%2E%2E", "%2e%2E", "../" + v, "..%2F" + v, "..%2F..%2F" + v,
                "%2E%2E%2F%2E%2E%2F" + v, "a/../../" + v, "./" + v, "%2E%2E/%2E%2E/" + v, "..;/" + v,
                "%252E%252E", "..\\..\\" + v);
        record Op(String name, int segments, Consumer<String> call) {
        }
        List<Op> ops = List.of(
                new Op("v2 removeTag", 5, x -> v2.removeTag(t, x)),
                new Op("v2 addTag", 5, x -> v2.addTag(t, x)),
                new Op("v2 removeMember", 5, x -> v2.removeMember(t, x)),
                new Op("v2 updateMemberStatus", 5, x -> v2.updateMemberStatus(t, x, MemberStatus.ACCEPTED)),
                new Op("v2 delete", 3, v2::delete),
                new Op("v2 deactivate", 5, v2::deactivate),
                new Op("v2 update", 3, x -> v2.update(x, ImageUpdate.builder().name("renamed").build())),
                new Op("v2 deleteNamespace", 4, x -> v2.metadefs().deleteNamespace(x)),
                new Op("v1 delete", 3, v1::delete),
                new Op("v1 removeMember", 5, x -> v1.removeMember(t, x)));
        for (String value : values) {
            for (Op op : ops) {
                count("normalised");
                proxy.clearForwarded();
                String what = op.name() + "(" + value + ") through a normalising proxy";
                try {
                    op.call().accept(value);
                } catch (InvalidInputException e) {
                    typedFailure.accept(e); // refused before sending: fine
                } catch (ImageSdkException e) {
                    typedFailure.accept(e);
                } catch (RuntimeException e) {
                    violation.accept(what + ": untyped " + e);
                }
                for (String line : proxy.forwarded()) {
                    String path = line.split(" ")[1];
                    int q = path.indexOf('?');
                    String p = q < 0 ? path : path.substring(0, q);
                    long segs = Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).count();
                    if (segs != op.segments()) {
                        violation.accept(what + " reached " + line + " (" + segs + " segments, not "
                                + op.segments() + "): a wrong-resource request");
                    }
                }
                checkIntact(what, v, "proxy-victim", "keep");
                checkIntact(what, t, "proxy-target", "t1");
            }
        }
        plain.delete(v);
        plain.delete(t);
    }

    private void checkIntact(String what, String id, String name, String tag) {
        Optional<Map<String, Object>> img = fake.image(id);
        if (img.isEmpty() || "deleted".equals(img.get().get("status"))) {
            violation.accept(what + " deleted image " + name + " " + id);
            return;
        }
        if (!name.equals(img.get().get("name")) || !String.valueOf(img.get().get("tags")).contains(tag)
                || "deactivated".equals(img.get().get("status"))) {
            violation.accept(what + " changed image " + name + " " + id + ": " + img.get());
        }
    }

    // ---- (b-d) stalls, resets and a corrupted byte ----

    private void transferFaults(HostileProxy proxy, Map<ApiVersion, ImageService> via) throws Exception {
        for (int round = 0; round < 4; round++) {
            for (ApiVersion v : List.of(ApiVersion.V2, ApiVersion.V1)) {
                byte[] data = new byte[32 * 1024 + random.nextInt(32 * 1024)];
                random.nextBytes(data);
                createAndUploadWith(proxy, via.get(v), v, data, Kind.RESET_REQUEST_AFTER, "reset_request");
                String stored = storedImage(v, data);
                downloadWith(proxy, via.get(v), v, stored, data, Kind.CORRUPT_RESPONSE_BYTE, "corrupt");
                downloadWith(proxy, via.get(v), v, stored, data, Kind.RESET_RESPONSE_AFTER, "reset_response");
                if (round < 2) {
                    downloadWith(proxy, via.get(v), v, stored, data, Kind.STALL_BEFORE_STATUS, "stall");
                    getWithStall(proxy, via.get(v), v, stored);
                }
                direct.get(v).delete(stored);
            }
        }
        int unused = proxy.disarm();
        if (unused > 0) {
            violation.accept("proxy: " + unused + " armed faults struck no request (the cases did not reach them)");
        }
    }

    private String storedImage(ApiVersion v, byte[] data) {
        String id = UUID.randomUUID().toString();
        direct.get(v).createAndUpload(spec(id, "proxy-data"), ImageData.fromBytes(data), null);
        return id;
    }

    private void createAndUploadWith(HostileProxy proxy, ImageService s, ApiVersion v, byte[] data, Kind kind,
                                     String name) {
        count(name);
        String id = UUID.randomUUID().toString();
        // v2 sends the bytes in PUT .../file, v1 in the create POST
        Pattern line = Pattern.compile(v == ApiVersion.V2 ? "^PUT /v2/images/" + id + "/file " : "^POST /v1/images ");
        proxy.arm(new Fault(kind, random.nextInt(data.length), line));
        String what = v + " createAndUpload through " + kind;
        long t0 = System.nanoTime();
        try {
            Image img = s.createAndUpload(spec(id, "proxy-cu"), ImageData.fromBytes(data), null);
            Object md5 = fake.image(id).map(m -> m.get("checksum")).orElse(null);
            if (!img.id().equals(id) || !hex(data).equals(md5)) {
                violation.accept(what + ": succeeded but the image holds md5 " + md5);
            }
            direct.get(v).delete(id);
        } catch (ImageSdkException e) {
            typedFailure.accept(e);
            Optional<Map<String, Object>> left = fake.image(id);
            if (left.isPresent() && !"deleted".equals(left.get().get("status"))) {
                violation.accept(what + ": failed (" + e + ") and left orphan " + id + " " + left.get().get("status"));
                direct.get(v).delete(id);
            }
        } catch (RuntimeException e) {
            violation.accept(what + ": untyped " + e);
        }
        bounded(what, t0);
    }

    private void downloadWith(HostileProxy proxy, ImageService s, ApiVersion v, String id, byte[] data, Kind kind,
                              String name) {
        count(name);
        Pattern line = Pattern.compile(v == ApiVersion.V2 ? "^GET /v2/images/" + id + "/file " : "^GET /v1/images/"
                + id + " ");
        proxy.arm(new Fault(kind, random.nextInt(data.length), line));
        String what = v + " download through " + kind;
        long t0 = System.nanoTime();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.download(id).toOutputStream(out);
            if (!Arrays.equals(out.toByteArray(), data)) {
                violation.accept(what + ": returned " + out.size() + " bytes that differ from the image: silently "
                        + "wrong");
            }
        } catch (ChecksumMismatchException e) {
            typedFailure.accept(e); // the corruption was caught
        } catch (ImageSdkException e) {
            typedFailure.accept(e);
            if (kind == Kind.CORRUPT_RESPONSE_BYTE) {
                violation.accept(what + ": a corrupted byte must surface as ChecksumMismatchException, got " + e);
            }
        } catch (RuntimeException e) {
            violation.accept(what + ": untyped " + e);
        }
        bounded(what, t0);
    }

    private void getWithStall(HostileProxy proxy, ImageService s, ApiVersion v, String id) {
        count("stall");
        String method = v == ApiVersion.V2 ? "GET" : "HEAD";
        proxy.arm(new Fault(Kind.STALL_BEFORE_STATUS, 0, Pattern.compile("^" + method + " /v[12]/images/" + id + " ")));
        String what = v + " get through a stall";
        long t0 = System.nanoTime();
        try {
            Image img = s.get(id);
            if (!id.equals(img.id())) {
                violation.accept(what + ": returned image " + img.id());
            }
        } catch (ImageSdkException e) {
            typedFailure.accept(e);
        } catch (RuntimeException e) {
            violation.accept(what + ": untyped " + e);
        }
        bounded(what, t0);
    }

    private void bounded(String what, long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > BOUND_MS) {
            violation.accept(what + ": took " + ms + " ms (unbounded)");
        }
    }

    private void count(String kind) {
        cases.merge(kind, 1L, Long::sum);
    }

    private static ImageSpec spec(String id, String name) {
        return ImageSpec.builder().id(id).name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE)
                .build();
    }

    private static String hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
