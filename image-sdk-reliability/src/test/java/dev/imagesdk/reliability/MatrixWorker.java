package dev.imagesdk.reliability;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Visibility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One thread of the fault matrix: random operations on the images it owns (so its checks against the
 * fake's state are not raced by other workers; faults armed by one worker may hit another's requests,
 * which is fine: the checks do not depend on which fault struck).
 */
final class MatrixWorker implements Runnable {
    /** One image this worker created and what it knows about it. */
    static final class Tracked {
        final String id;
        final ApiVersion version;
        byte[] data; // the bytes it must hold once active, null while queued
        boolean shared;
        String propertyValue;

        Tracked(String id, ApiVersion version) {
            this.id = id;
            this.version = version;
        }
    }

    private final int index;
    private final int operations;
    private final Random random;
    private final FakeGlance fake;
    private final Map<ApiVersion, ImageService> services;
    private final String sharePartner;
    private final Path dir;
    private final Tally tally;
    private final List<Tracked> images = new ArrayList<>();
    /** What this worker is doing, for the hang report. */
    volatile String current = "idle";

    MatrixWorker(int index, int operations, long seed, FakeGlance fake, Map<ApiVersion, ImageService> services,
            String sharePartner, Path dir, Tally tally) {
        this.index = index;
        this.operations = operations;
        this.random = new Random(seed);
        this.fake = fake;
        this.services = services;
        this.sharePartner = sharePartner;
        this.dir = dir;
        this.tally = tally;
    }

    List<Tracked> images() {
        return images;
    }

    @Override
    public void run() {
        for (int i = 0; i < operations && !Thread.currentThread().isInterrupted(); i++) {
            ApiVersion v = random.nextInt(3) == 0 ? ApiVersion.V1 : ApiVersion.V2;
            String kind = chooseKind(v);
            current = i + ": " + v + " " + kind;
            long t0 = System.nanoTime();
            tally.operation(v + " " + kind);
            if (random.nextInt(150) == 0) {
                fake.revokeTokens(); // a real expiry: the next call must authenticate again
                tally.tokenRevocations.increment();
            }
            String outcome = "ok";
            try {
                run(v, kind);
            } catch (ImageSdkException e) {
                outcome = e.toString();
                tally.typedFailure(e);
            } catch (IOException e) {
                // test-side I/O (temp files) must not fail
                tally.violation(current + ": test I/O failed " + e);
            } catch (RuntimeException | Error e) {
                tally.message(e);
                tally.violation(current + ": untyped " + describe(e));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            tally.duration(ms, current + " [" + Thread.currentThread().getName() + "] " + outcome);
            if (ms > 20_000) {
                tally.violation(current + " [" + Thread.currentThread().getName() + "]: took " + ms
                        + " ms (a near-hang), outcome " + outcome);
            }
        }
        current = "done";
    }

    private String chooseKind(ApiVersion v) {
        if (images.size() > 6) {
            return "delete";
        }
        List<String> kinds = new ArrayList<>(List.of("create", "createAndUpload", "createAndUpload", "upload",
                "download", "download", "update", "share", "list", "delete"));
        if (v == ApiVersion.V2) {
            kinds.add("tag");
        }
        return kinds.get(random.nextInt(kinds.size()));
    }

    private void run(ApiVersion v, String kind) throws IOException {
        switch (kind) {
            case "create": create(v); break;
            case "createAndUpload": createAndUpload(v); break;
            case "upload": upload(v); break;
            case "download": download(v); break;
            case "update": update(v); break;
            case "tag": tag(); break;
            case "share": share(v); break;
            case "list": list(v); break;
            default: delete(v);
        }
    }

    // ------------------------------------------------------------ operations

    private void create(ApiVersion v) {
        String id = UUID.randomUUID().toString();
        String name = "m" + index + "-" + id.substring(0, 8);
        arm(List.of(Operation.CREATE_IMAGE), null, null, 0);
        try {
            Image img = services.get(v).create(spec(id, name, v));
            check(img.id().equals(id), "create returned id " + img.id() + " for " + id);
            Optional<Map<String, Object>> f = fake.image(id);
            check(f.isPresent() && name.equals(f.get().get("name")), "created image " + id + " not in the fake as "
                    + name + ": " + f);
            images.add(new Tracked(id, v));
        } catch (ImageSdkException e) {
            // a failed plain create may have happened (the answer lost): then the worker owns it
            if (live(id)) {
                images.add(new Tracked(id, v));
            }
            throw e;
        }
    }

    private void createAndUpload(ApiVersion v) throws IOException {
        String id = UUID.randomUUID().toString();
        byte[] data = randomData();
        boolean keep = random.nextInt(4) == 0;
        int source = random.nextInt(3);
        Operation dataOp = v == ApiVersion.V2 ? Operation.UPLOAD : Operation.CREATE_IMAGE;
        arm(List.of(Operation.CREATE_IMAGE, dataOp, Operation.SHOW_IMAGE, Operation.DELETE_IMAGE), dataOp, null,
                data.length);
        try {
            Image img = services.get(v).createAndUpload(spec(id, "cu" + index, v), source(source, data),
                    TransferListener.NONE, keep);
            check(img.id().equals(id), "createAndUpload returned id " + img.id() + " for " + id);
            check(img.status() == ImageStatus.ACTIVE, "createAndUpload returned status " + img.status());
            Tracked t = new Tracked(id, v);
            t.data = data;
            checkStored(t, "createAndUpload");
            images.add(t);
        } catch (ImageSdkException e) {
            Optional<Map<String, Object>> left = fake.image(id);
            if (!keep && live(id)) {
                // allowed only if the service refused the cleanup too, and the exception says which image is left
                boolean reported = Stream.of(e.getSuppressed()).anyMatch(x -> x instanceof ImageSdkException
                        && String.valueOf(x.getMessage()).contains(id) && x.getMessage().contains("left behind"));
                check(reported, "createAndUpload failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + ") and silently left image " + id + " behind: " + left.map(m -> m.get("status")).orElse(null));
                if (reported) {
                    tally.reportedLeftovers.increment();
                }
            }
            if (live(id)) {
                Tracked t = new Tracked(id, v);
                if ("active".equals(left.get().get("status"))) {
                    t.data = data;
                    checkStored(t, "createAndUpload(kept after failure)");
                }
                images.add(t);
            }
            throw e;
        }
    }

    private void upload(ApiVersion v) throws IOException {
        Tracked t = pick(v, img -> img.data == null);
        if (t == null) {
            return;
        }
        String status = status(t.id);
        if (!"queued".equals(status)) {
            return; // e.g. killed by an earlier failed upload: leave it to delete
        }
        byte[] data = randomData();
        Operation dataOp = Operation.UPLOAD; // v2 PUT ./file, v1 PUT with data
        arm(List.of(dataOp, Operation.SHOW_IMAGE), dataOp, null, data.length);
        try {
            Image img = services.get(v).upload(t.id, source(1 + random.nextInt(2), data));
            check(img.status() == ImageStatus.ACTIVE, "upload returned status " + img.status());
            t.data = data;
            checkStored(t, "upload");
        } catch (ImageSdkException e) {
            if ("active".equals(status(t.id))) {
                t.data = data; // the bytes arrived, the answer did not: they must still be the right ones
                checkStored(t, "upload(failed but active)");
            }
            throw e;
        }
    }

    private void download(ApiVersion v) throws IOException {
        Tracked t = pick(v, img -> img.data != null);
        if (t == null) {
            return;
        }
        arm(List.of(Operation.SHOW_IMAGE, Operation.DOWNLOAD), null, Operation.DOWNLOAD, t.data.length);
        ImageService s = services.get(v);
        if (random.nextBoolean()) {
            Path d = Files.createDirectory(dir.resolve("dl-" + UUID.randomUUID()));
            Path target = d.resolve("image.bin");
            try {
                DownloadResult r = s.download(t.id).toPath(target);
                check(r.bytes() == t.data.length, "download reported " + r.bytes() + " bytes of " + t.data.length);
                check(java.util.Arrays.equals(Files.readAllBytes(target), t.data),
                        "download to a path reported success on wrong bytes for " + t.id);
            } catch (ImageSdkException e) {
                check(!Files.exists(target), "failed download left a file at the target: " + e);
                try (Stream<Path> left = Files.list(d)) {
                    List<Path> files = left.toList();
                    check(files.isEmpty(), "failed download left temporary files " + files + ": " + e);
                }
                throw e;
            } finally {
                deleteTree(d);
            }
        } else {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = s.download(t.id).openStream()) {
                in.transferTo(got);
            } catch (IOException e) {
                // InputStream's contract allows IOException; it must carry the SDK's typed cause
                ImageSdkException typed = typedCause(e);
                check(typed != null, "download stream failed with an untyped " + describe(e));
                tally.message(e);
                if (typed != null) {
                    throw typed;
                }
                return;
            }
            check(java.util.Arrays.equals(got.toByteArray(), t.data),
                    "download stream ended normally on wrong bytes for " + t.id + " (" + got.size() + " of "
                            + t.data.length + " bytes)");
        }
    }

    private void update(ApiVersion v) {
        Tracked t = pick(v, img -> true);
        if (t == null) {
            return;
        }
        String value = "v" + random.nextInt(1_000_000);
        arm(List.of(Operation.UPDATE_IMAGE), null, null, 0);
        try {
            Image img = services.get(v).update(t.id, ImageUpdate.builder().property("matrix_key", value).build());
            check(value.equals(img.properties().get("matrix_key")),
                    "update returned " + img.properties() + ", not matrix_key=" + value);
            check(value.equals(fake.image(t.id).map(m -> m.get("matrix_key")).orElse(null)),
                    "update succeeded but the fake holds " + fake.image(t.id).map(m -> m.get("matrix_key")));
            t.propertyValue = value;
        } catch (ImageSdkException e) {
            Object now = fake.image(t.id).map(m -> m.get("matrix_key")).orElse(null);
            check(Objects.equals(now, t.propertyValue) || value.equals(now),
                    "failed update left matrix_key=" + now + " (neither old nor new)");
            t.propertyValue = (String) now;
            throw e;
        }
    }

    private void tag() {
        Tracked t = pick(ApiVersion.V2, img -> true);
        if (t == null) {
            return;
        }
        String tag = "t" + random.nextInt(1000);
        arm(List.of(Operation.TAG), null, null, 0);
        services.get(ApiVersion.V2).addTag(t.id, tag);
        Object tags = fake.image(t.id).map(m -> m.get("tags")).orElse(List.of());
        check(((List<?>) tags).contains(tag), "addTag succeeded but the fake has tags " + tags);
    }

    private void share(ApiVersion v) {
        Tracked t = pick(v, img -> !img.shared);
        if (t == null) {
            return;
        }
        arm(List.of(Operation.MEMBER), null, null, 0);
        try {
            services.get(v).addMember(t.id, sharePartner);
        } catch (ImageSdkException e) {
            t.shared = isMember(t.id);
            throw e;
        }
        t.shared = true;
        check(isMember(t.id), "addMember succeeded but the fake lists members "
                + fake.image(t.id).map(m -> m.get("members")));
    }

    private void list(ApiVersion v) {
        arm(List.of(Operation.LIST_IMAGES), null, null, 0);
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (Image img : services.get(v).list(ImageQuery.builder().limit(3).build())) {
            check(seen.add(img.id()), "list returned " + img.id() + " twice");
            if (++n >= 12) {
                break;
            }
        }
    }

    private void delete(ApiVersion v) {
        Tracked t = pick(v, img -> true);
        if (t == null) {
            return;
        }
        arm(List.of(Operation.DELETE_IMAGE), null, null, 0);
        try {
            services.get(v).delete(t.id);
            check(!live(t.id), "delete succeeded but the image is still " + status(t.id));
            images.remove(t);
        } catch (ImageSdkException e) {
            if (!live(t.id)) {
                images.remove(t);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------ checks

    /** The fake's stored checksums and size must be those of the bytes the worker sent. */
    private void checkStored(Tracked t, String what) {
        Map<String, Object> f = fake.image(t.id).orElse(null);
        check(f != null, what + ": image " + t.id + " missing from the fake");
        if (f == null) {
            return;
        }
        check("active".equals(f.get("status")), what + ": fake status " + f.get("status"));
        check(hex("MD5", t.data).equals(f.get("checksum")), what + ": fake MD5 " + f.get("checksum")
                + " is not that of the bytes sent");
        check(hex("SHA-512", t.data).equals(f.get("os_hash_value")), what + ": fake SHA-512 differs from the bytes sent");
        check(Long.valueOf(t.data.length).equals(f.get("size")), what + ": fake size " + f.get("size") + " != "
                + t.data.length);
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            tally.violation(current + ": " + what);
        }
    }

    private boolean live(String id) {
        String s = status(id);
        return s != null && !s.equals("deleted") && !s.equals("pending_delete");
    }

    private String status(String id) {
        return fake.image(id).map(m -> (String) m.get("status")).orElse(null);
    }

    private boolean isMember(String id) {
        Object members = fake.image(id).map(m -> m.get("members")).orElse(List.of());
        return ((List<?>) members).stream().anyMatch(m -> String.valueOf(m).startsWith(sharePartner + ":"));
    }

    // ------------------------------------------------------------ helpers

    private void arm(List<Operation> ops, Operation uploadOp, Operation downloadOp, long length) {
        if (random.nextInt(100) < 40) {
            List<Operation> all = new ArrayList<>(ops);
            if (random.nextInt(10) == 0) {
                all.add(Operation.TOKEN); // hits a re-authentication if one happens soon
            }
            FaultPicker.Armed a = FaultPicker.pick(random, all, uploadOp, downloadOp, length);
            fake.inject(a.op(), a.fault());
        }
    }

    private Tracked pick(ApiVersion v, java.util.function.Predicate<Tracked> filter) {
        List<Tracked> c = images.stream().filter(i -> i.version == v).filter(filter).toList();
        return c.isEmpty() ? null : c.get(random.nextInt(c.size()));
    }

    private ImageSpec spec(String id, String name, ApiVersion v) {
        ImageSpec.Builder b = ImageSpec.builder().id(id).name(name).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE);
        if (v == ApiVersion.V2) {
            b.visibility(Visibility.SHARED);
        }
        return b.build();
    }

    private byte[] randomData() {
        int n = random.nextInt(8) == 0 ? 200_000 + random.nextInt(300_000) : 1 + random.nextInt(40_000);
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** 0: in memory (replayable), 1: a file (replayable), 2: a one-shot stream (not replayable). */
    private ImageData source(int kind, byte[] data) throws IOException {
        switch (kind) {
            case 0:
                return ImageData.fromBytes(data);
            case 1:
                Path f = Files.createTempFile(dir, "up", ".bin");
                Files.write(f, data);
                return ImageData.fromPath(f);
            default:
                return ImageData.fromStream(new ByteArrayInputStream(data), data.length);
        }
    }

    private static ImageSdkException typedCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ImageSdkException) {
                return (ImageSdkException) c;
            }
        }
        return null;
    }

    static String describe(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return e + (st.length > 0 ? " at " + st[0] : "") + (e.getCause() != null ? " caused by " + e.getCause() : "");
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(d);
    }
}
