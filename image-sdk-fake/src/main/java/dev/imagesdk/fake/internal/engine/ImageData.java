package dev.imagesdk.fake.internal.engine;

import dev.imagesdk.inspect.DiskImageReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An image's data ({@code /v2/images/{id}/file} and {@code .../stage}): upload into a store, staging,
 * download, the size cap and the per-project storage quota. Bytes stream outside the
 * {@link EngineState} lock; the image is claimed before and updated after under it.
 */
public final class ImageData {
    private final EngineState state;
    private final Policy policy;
    private final Transitions transitions;

    ImageData(EngineState state, Policy policy, Transitions transitions) {
        this.state = state;
        this.policy = policy;
        this.transitions = transitions;
    }

    /** Project storage in use (active data plus staged data). */
    private long usage(String project) {
        long total = 0;
        for (Image i : state.images.values()) {
            if (Objects.equals(i.owner, project)) {
                if (i.blob != null) total += i.blob.size();
                if (i.staged != null) total += i.staged.size();
            }
        }
        return total;
    }

    /**
     * The size guard of one write: {@code image_size_cap}, and the project's {@code user_storage_quota}
     * counting the data already stored plus the bytes that the project's other writes in flight have
     * received so far. Each check reserves the bytes received under the lock, so two concurrent uploads
     * cannot both pass a quota that only one of them fits. The writer releases the reservation when the
     * data is counted as stored (or the write failed).
     */
    Reservation reserve(String owner) {
        return new Reservation(owner, state.config.imageSizeCap(), state.config.userStorageQuota());
    }

    /** Bytes reserved by a project's writes in flight (see {@link #reserve}); guarded by the state lock. */
    private final Set<Reservation> inFlight = new HashSet<>();

    /** One write's claim on its project's storage quota; {@link #close()} releases it (idempotent). */
    final class Reservation implements BlobStore.SizeGuard, AutoCloseable {
        private final String owner;
        private final long cap;
        private final long quota;
        private long bytes;

        private Reservation(String owner, long cap, long quota) {
            this.owner = owner;
            this.cap = cap;
            this.quota = quota;
        }

        @Override
        public void check(long written) {
            if (written > cap) {
                throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
            }
            if (quota <= 0) {
                return;
            }
            state.lockedRun(() -> {
                long used = usage(owner);
                for (Reservation r : inFlight) {
                    if (r != this && Objects.equals(r.owner, owner)) used += r.bytes;
                }
                if (used + written > quota) {
                    throw GlanceException.tooLarge("Denying attempt to upload image because it exceeds the quota: "
                            + "The size of the data " + written + " will exceed the limit. "
                            + Math.max(0, quota - used) + " bytes remaining.");
                }
                bytes = written;
                inFlight.add(this);
            });
        }

        @Override
        public void close() {
            if (quota > 0) {
                state.lockedRun(() -> inFlight.remove(this));
            }
        }
    }

    /**
     * v1 upload (data with {@code POST}/{@code PUT /v1/images}) into the default store: queued -> saving ->
     * active. On failure the image returns to {@code queued} (as Glance's {@code _restore}) and the partial
     * data is discarded.
     *
     * @throws IOException if the body could not be read (client went away)
     */
    public void upload(Caller c, String id, InputStream data) throws IOException {
        upload(c, id, data, null, false);
    }

    /**
     * {@code PUT /v2/images/{id}/file} into a named store ({@code X-Image-Meta-Store}); null means the default
     * store. As the v1 upload, and 400 unless both formats are set (v1 checks its own way, before it gets here).
     *
     * @throws IOException if the body could not be read (client went away)
     */
    public void upload(Caller c, String id, InputStream data, String store) throws IOException {
        upload(c, id, data, store, true);
    }

    private void upload(Caller c, String id, InputStream data, String store, boolean formatsRequired)
            throws IOException {
        if (store != null && !state.config.stores().contains(store)) {
            throw GlanceException.badRequest("Store for identifier " + store + " not found");
        }
        String target = store != null ? store : state.config.defaultStore();
        Claim claim = state.locked(() -> {
            Image img = policy.findMutable(c, id);
            if (img.status.equals("deactivated")) {
                throw GlanceException.forbidden("Image is deactivated");
            }
            if (!img.status.equals("queued")) {
                throw GlanceException.conflict("Image status transition from " + img.status
                        + " to saving is not allowed");
            }
            if (formatsRequired) requireFormats(img);
            img.status = "saving";
            img.updatedAt = state.now();
            return new Claim(img.owner, needsInspection(img));
        });
        Reservation reservation = reserve(claim.owner());
        Blob blob = writeClaimed(id, reservation, "saving", data);
        if (claim.inspect()) {
            blob.inspect(); // read the head now, outside the lock; installData finds the verdict kept
        }
        state.lockedRun(() -> {
            reservation.close(); // from here on the data counts as stored (or is dropped)
            Image img = stillThereAfterWrite(id, blob);
            transitions.transition(img, "saving", "active", state.uploadMode,
                    () -> installData(img, blob, List.of(target)));
        });
    }

    /** An image claimed for its data: whose quota it counts against, and whether its head will be inspected. */
    private record Claim(String owner, boolean inspect) {
    }

    /**
     * Glance refuses to save data (not to stage it) before both formats are set: 400 naming the missing ones,
     * "Property container_format must be set prior to saving data." or "Properties disk_format,
     * container_format must be set ...".
     */
    private static void requireFormats(Image img) {
        List<String> missing = new ArrayList<>(2);
        if (img.diskFormat == null || img.diskFormat.isEmpty()) missing.add("disk_format");
        if (img.containerFormat == null || img.containerFormat.isEmpty()) missing.add("container_format");
        if (!missing.isEmpty()) {
            throw GlanceException.badRequest((missing.size() == 1 ? "Property " : "Properties ")
                    + String.join(", ", missing) + " must be set prior to saving data.");
        }
    }

    private void restore(String id, String from) {
        state.lockedRun(() -> {
            Image img = state.images.get(id);
            if (img != null && img.status.equals(from)) {
                img.status = "queued";
                img.updatedAt = state.now();
            }
        });
    }

    void installData(Image img, Blob blob, List<String> stores) {
        img.blob = blob;
        img.size = blob.size();
        img.checksum = blob.md5();
        img.osHashAlgo = "sha512";
        img.osHashValue = blob.sha512();
        img.virtualSize = virtualSize(img, blob);
        img.stores.clear();
        img.stores.addAll(stores);
    }

    /** The disk formats Glance 25 inspects while data is saved (its format inspector's table). */
    private static final Set<String> INSPECTED = Set.of("raw", "qcow2", "vhd", "vhdx", "vmdk", "vdi", "qed");

    /** Whether saving data into this image inspects the data's head (a bare container, a non-raw inspected format). */
    private static boolean needsInspection(Image img) {
        return "bare".equals(img.containerFormat) && img.diskFormat != null && !img.diskFormat.equals("raw")
                && INSPECTED.contains(img.diskFormat) && (img.virtualSize == null || img.virtualSize == 0);
    }

    /**
     * The virtual size as Glance computes it while saving data: kept if already set; otherwise only for a
     * {@code bare} container and a declared disk format that Glance inspects, and only when the content is of
     * that format (raw: any content, its size) and states a non-zero size; else none (null).
     */
    private static Long virtualSize(Image img, Blob blob) {
        if (img.virtualSize != null && img.virtualSize != 0) {
            return img.virtualSize;
        }
        if (!"bare".equals(img.containerFormat) || img.diskFormat == null || !INSPECTED.contains(img.diskFormat)) {
            return null;
        }
        if (img.diskFormat.equals("raw")) {
            return blob.size() == 0 ? null : blob.size();
        }
        DiskImageReport r = blob.inspect();
        if (r == null || !r.format().value().equals(img.diskFormat)) {
            return null;
        }
        long v = r.virtualSize().orElse(0);
        return v == 0 ? null : v;
    }

    /** What a download needs: the image and its bytes (null blob: no data, 204). */
    public record Download(Image image, Blob blob) {
    }

    /** {@code GET /v2/images/{id}/file}. */
    public Download download(Caller c, String id) {
        return state.locked(() -> {
            Image img = policy.find(c, id);
            if (img.status.equals("deactivated") && !c.admin()) {
                throw GlanceException.forbidden(
                        "The requested image has been deactivated. Image data download is forbidden.");
            }
            Blob b = img.status.equals("active") || img.status.equals("deactivated") ? img.blob : null;
            return new Download(img.copy(), b);
        });
    }

    /** Writes the data of an image claimed in {@code claimedStatus}; on failure the claim is undone. */
    private Blob writeClaimed(String id, Reservation reservation, String claimedStatus, InputStream data)
            throws IOException {
        try {
            return state.blobs.write(data, reservation);
        } catch (IOException | RuntimeException e) {
            reservation.close();
            restore(id, claimedStatus);
            throw e;
        }
    }

    /** Under the lock: the image the blob was written for, or 410 (blob dropped) if it was deleted meanwhile. */
    private Image stillThereAfterWrite(String id, Blob blob) {
        Image img = state.images.get(id);
        if (img == null) {
            state.blobs.delete(blob);
            throw GlanceException.of(410, "Image " + id + " could not be found after upload. "
                    + "The image may have been deleted during the upload.");
        }
        return img;
    }

    /** {@code PUT /v2/images/{id}/stage}: queued -> uploading, data kept in the staging area. */
    public void stage(Caller c, String id, InputStream data) throws IOException {
        Claim claim = state.locked(() -> {
            Image img = policy.findMutable(c, id);
            if (!img.status.equals("queued")) {
                throw GlanceException.conflict("Image status transition from " + img.status
                        + " to uploading is not allowed");
            }
            img.status = "uploading";
            return new Claim(img.owner, needsInspection(img));
        });
        Reservation reservation = reserve(claim.owner());
        Blob blob = writeClaimed(id, reservation, "uploading", data);
        if (claim.inspect()) {
            blob.inspect();
        }
        state.lockedRun(() -> {
            reservation.close();
            Image img = stillThereAfterWrite(id, blob);
            img.staged = blob;
            img.size = blob.size();
            img.updatedAt = state.now();
        });
    }
}
