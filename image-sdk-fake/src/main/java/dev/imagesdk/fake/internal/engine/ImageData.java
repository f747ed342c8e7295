package dev.imagesdk.fake.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

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

    BlobStore.SizeGuard guard(String owner) {
        long cap = state.config.imageSizeCap();
        long quota = state.config.userStorageQuota();
        long used = quota > 0 ? state.locked(() -> usage(owner)) : 0;
        return written -> {
            if (written > cap) {
                throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
            }
            if (quota > 0 && used + written > quota) {
                throw GlanceException.tooLarge("Denying attempt to upload image because it exceeds the quota: "
                        + "The size of the data " + written + " will exceed the limit. " + (quota - used)
                        + " bytes remaining.");
            }
        };
    }

    /**
     * {@code PUT /v2/images/{id}/file}: queued -> saving -> active. On failure the image returns
     * to {@code queued} (as Glance's {@code _restore}) and the partial data is discarded.
     *
     * @throws IOException if the body could not be read (client went away)
     */
    public void upload(Caller c, String id, InputStream data) throws IOException {
        upload(c, id, data, null);
    }

    /**
     * Upload into a named store ({@code X-Image-Meta-Store}); null means the default store.
     *
     * @throws IOException if the body could not be read (client went away)
     */
    public void upload(Caller c, String id, InputStream data, String store) throws IOException {
        if (store != null && !state.config.stores().contains(store)) {
            throw GlanceException.badRequest("Store for identifier " + store + " not found");
        }
        String target = store != null ? store : state.config.defaultStore();
        String owner = state.locked(() -> {
            Image img = policy.findMutable(c, id);
            if (img.status.equals("deactivated")) {
                throw GlanceException.forbidden("Image is deactivated");
            }
            if (!img.status.equals("queued")) {
                throw GlanceException.conflict("Image status transition from " + img.status
                        + " to saving is not allowed");
            }
            img.status = "saving";
            img.updatedAt = state.now();
            return img.owner;
        });
        Blob blob = writeClaimed(id, owner, "saving", data);
        state.lockedRun(() -> {
            Image img = stillThereAfterWrite(id, blob);
            transitions.transition(img, "saving", "active", state.uploadMode,
                    () -> installData(img, blob, List.of(target)));
        });
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

    /** Raw and unknown formats: the size; qcow2: the header's virtual size, as Glance's inspector reads it. */
    private static long virtualSize(Image img, Blob blob) {
        if (blob.size() >= 32) {
            try (InputStream in = blob.open(0, 32)) {
                byte[] h = in.readNBytes(32);
                if (h[0] == 'Q' && h[1] == 'F' && h[2] == 'I' && (h[3] & 0xff) == 0xfb) {
                    long v = 0;
                    for (int i = 24; i < 32; i++) {
                        v = (v << 8) | (h[i] & 0xff);
                    }
                    return v;
                }
            } catch (IOException ignored) {
                // fall back to the size
            }
        }
        return blob.size();
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
    private Blob writeClaimed(String id, String owner, String claimedStatus, InputStream data) throws IOException {
        try {
            return state.blobs.write(data, guard(owner));
        } catch (IOException | RuntimeException e) {
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
        String owner = state.locked(() -> {
            Image img = policy.findMutable(c, id);
            if (!img.status.equals("queued")) {
                throw GlanceException.conflict("Image status transition from " + img.status
                        + " to uploading is not allowed");
            }
            img.status = "uploading";
            return img.owner;
        });
        Blob blob = writeClaimed(id, owner, "uploading", data);
        state.lockedRun(() -> {
            Image img = stillThereAfterWrite(id, blob);
            img.staged = blob;
            img.size = blob.size();
            img.updatedAt = state.now();
        });
    }
}
