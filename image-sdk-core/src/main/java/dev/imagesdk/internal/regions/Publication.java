package dev.imagesdk.internal.regions;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.internal.transfer.Hashes;
import dev.imagesdk.internal.transfer.UploadPreflight;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.regions.FailurePolicy;
import dev.imagesdk.regions.PublishListener;
import dev.imagesdk.regions.PublishOptions;
import dev.imagesdk.regions.PublishResult;
import dev.imagesdk.regions.RegionOutcome;

import java.io.InputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of {@link dev.imagesdk.ImageServices#publish}, in four steps: (1) open the source (a failure
 * creates nothing), then create the image in every region in parallel; (2) read the source once on the
 * calling thread into a {@link Fanout} (MD5 on the reader, SHA-512 on its own consumer thread) while one thread
 * per region uploads its stream through that region's own {@code upload} (a one-shot {@link ImageData}: retries,
 * re-authentication, idle timeout and the service's own verification as for any upload, which is handed the one
 * digest through {@link dev.imagesdk.internal.transfer.PrehashedSource} instead of hashing its copy, and writes the
 * fan-out's own buffers to its socket, {@link dev.imagesdk.internal.transfer.DirectSource}); (3) compare each
 * uploaded region's {@code checksum} and {@code os_hash_value} with the one digest; (4) apply the failure
 * policy: delete what must not stay.
 *
 * <p>Under {@link FailurePolicy#ALL_OR_NOTHING} the first region to fail aborts the fan-out (the others' uploads
 * fail at their next read and are reported {@code ROLLED_BACK}), and every image created is deleted.
 */
public final class Publication {

    private final Map<String, ImageService> services;
    private final ImageSpec spec;
    private final ImageData data;
    private final PublishOptions options;
    private final Runnable onReaderWait;

    public Publication(Map<String, ImageService> services, ImageSpec spec, ImageData data, PublishOptions options) {
        this(services, spec, data, options, null);
    }

    /** @param onReaderWait test hook: run when the reader waits for the slowest region */
    public Publication(Map<String, ImageService> services, ImageSpec spec, ImageData data, PublishOptions options,
                       Runnable onReaderWait) {
        this.services = services;
        this.spec = spec;
        this.data = data;
        this.options = options;
        this.onReaderWait = onReaderWait;
    }

    /** One region's state through the steps. */
    private static final class Region {
        final String name;
        final ImageService service;
        String imageId;
        Image image;
        ImageSdkException failure;
        boolean causedByAbort;
        boolean leftBehind;
        volatile Thread uploading; // the thread sending this region's bytes, while it does

        Region(String name, ImageService service) {
            this.name = name;
            this.service = service;
        }
    }

    public PublishResult run() {
        FailurePolicy policy = options.policy();
        PublishListener listener = options.listener();
        List<Region> regions = new ArrayList<>();
        services.forEach((n, s) -> regions.add(new Region(n, s)));
        // The inspection, once for every region: a replayable source now (a refusal creates nothing), a one-shot
        // one as the fan-out reads it. Before anything is created: an unreadable source creates nothing either.
        ImageData checked = UploadPreflight.prepare(data, spec.diskFormat(), spec.containerFormat(),
                options.uploadOptions());
        InputStream source = checked.open();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "image-sdk-publish-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long bytes = 0;
        String md5Hex = null;
        String sha512Hex = null;
        try {
            createAll(regions, threads);
            boolean createFailed = regions.stream().anyMatch(r -> r.failure != null);
            List<Region> uploading = new ArrayList<>();
            for (Region r : regions) {
                if (r.imageId != null && r.failure == null) {
                    uploading.add(r);
                }
            }
            if (!(createFailed && policy == FailurePolicy.ALL_OR_NOTHING) && !uploading.isEmpty()) {
                MessageDigest md5 = digest("MD5");
                MessageDigest sha512 = digest("SHA-512");
                Fanout fanout = new Fanout(options.bufferSize(), options.bufferCount(), onReaderWait);
                long length = data.length().orElse(-1);
                Map<Region, Future<?>> uploads = new LinkedHashMap<>();
                Map<Region, Fanout.Consumer> consumers = new LinkedHashMap<>();
                for (Region r : uploading) {
                    consumers.put(r, fanout.addConsumer(r.name));
                }
                // One digest for every region: each upload reports it instead of hashing its copy again.
                CompletableFuture<Hashes> digests = new CompletableFuture<>();
                java.util.concurrent.Callable<Boolean> hashing = fanout.digestOn(sha512);
                Future<Boolean> hasher = threads.submit(hashing);
                for (Region r : uploading) {
                    Fanout.Consumer c = consumers.get(r);
                    uploads.put(r, threads.submit(() -> upload(r, c, length, fanout, policy, listener, digests)));
                }
                Fanout.Outcome read = fanout.read(source, length, List.of(md5),
                        n -> listener.onSourceProgress(n, length));
                bytes = read.bytes();
                if (read.status() == Fanout.Status.COMPLETE) {
                    String md5Done = HexFormat.of().formatHex(md5.digest());
                    long total = read.bytes();
                    threads.submit(() -> {
                        try {
                            if (Boolean.TRUE.equals(hasher.get())) {
                                digests.complete(new Hashes(md5Done, HexFormat.of().formatHex(sha512.digest()), total));
                            } else {
                                digests.completeExceptionally(new IOException("the SHA-512 pass did not finish"));
                            }
                        } catch (InterruptedException | ExecutionException e) {
                            digests.completeExceptionally(e);
                        }
                    });
                } else {
                    digests.completeExceptionally(new IOException("the source was not read to its end: "
                            + read.status()));
                }
                // An interrupt ends every region's upload at once: the fan-out fails their next read, and each
                // region's thread is interrupted so that one blocked on a stalled service (a socket write, the wait
                // for "100 Continue" or for the answer) drops its connection instead of waiting for a timeout.
                Runnable onInterrupt = () -> {
                    fanoutInterrupted = true;
                    fanout.abort("the publication was interrupted");
                    for (Region r : uploading) {
                        Thread t = r.uploading;
                        if (t != null) {
                            t.interrupt();
                        }
                    }
                };
                for (Future<?> f : uploads.values()) {
                    join(f, onInterrupt);
                }
                join(hasher, onInterrupt);
                if (read.status() == Fanout.Status.COMPLETE && digests.isDone() && !digests.isCompletedExceptionally()) {
                    Hashes h = digests.join();
                    md5Hex = h.md5();
                    sha512Hex = h.sha512();
                    for (Region r : uploading) {
                        verify(r, md5Hex, sha512Hex);
                    }
                } else if (read.status() == Fanout.Status.SOURCE_FAILED) {
                    // A source of the wrong length is the caller's error (field length), as in a single upload.
                    RuntimeException typed = read.failure() instanceof InvalidInputException wrongLength
                            ? wrongLength
                            : UploadPreflight.refusalOr(new ImageSdkClientException("Could not read "
                            + "the image data after " + read.bytes() + " bytes: " + read.failure(), read.failure()));
                    ImageSdkException cause = typed instanceof ImageSdkException e ? e
                            : new ImageSdkClientException(typed.toString(), typed);
                    for (Region r : uploading) {
                        if (r.failure == null || r.causedByAbort) {
                            r.failure = cause;
                            r.causedByAbort = false;
                            r.image = null;
                        }
                    }
                }
            }
        } finally {
            closeQuietly(source);
            threads.shutdown();
        }
        boolean anyFailed = regions.stream().anyMatch(r -> r.failure != null);
        List<RegionOutcome> outcomes = new ArrayList<>();
        for (Region r : regions) {
            boolean keep = r.failure == null && (policy == FailurePolicy.BEST_EFFORT || !anyFailed);
            if (keep) {
                outcomes.add(new RegionOutcome(r.name, RegionOutcome.Status.PUBLISHED, Optional.of(r.image),
                        Optional.of(r.imageId), Optional.empty(), false));
                continue;
            }
            ImageSdkException deleteFailure = r.imageId == null ? null : delete(r);
            boolean rolledBack = r.failure == null || r.causedByAbort;
            ImageSdkException reported = rolledBack ? null : r.failure;
            if (deleteFailure != null) {
                if (reported == null) {
                    reported = deleteFailure;
                } else {
                    reported.addSuppressed(deleteFailure);
                }
            }
            outcomes.add(new RegionOutcome(r.name, rolledBack ? RegionOutcome.Status.ROLLED_BACK
                    : RegionOutcome.Status.FAILED, Optional.empty(), Optional.ofNullable(r.imageId),
                    Optional.ofNullable(reported), deleteFailure != null));
        }
        return new PublishResult(policy, outcomes, bytes, md5Hex, sha512Hex);
    }

    private void createAll(List<Region> regions, ExecutorService threads) {
        Map<Region, Future<Image>> creates = new LinkedHashMap<>();
        for (Region r : regions) {
            creates.put(r, threads.submit(() -> r.service.create(spec)));
        }
        // Every create is waited for, also after an interrupt: an image created after the caller stopped waiting
        // would be an orphan nobody knows the id of. Each create is bounded by the service's call timeout.
        boolean interrupted = false;
        for (Map.Entry<Region, Future<Image>> e : creates.entrySet()) {
            Region r = e.getKey();
            while (true) {
                try {
                    r.imageId = e.getValue().get().id();
                    break;
                } catch (ExecutionException failed) {
                    r.failure = typed(failed.getCause(), "Creating the image in " + r.name + " failed");
                    break;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            for (Region r : regions) {
                if (r.failure == null) {
                    r.failure = new ImageSdkClientException("The publication was interrupted while the images were "
                            + "created; the image in " + r.name + " is deleted");
                }
            }
            Thread.currentThread().interrupt();
        }
    }

    private void upload(Region r, Fanout.Consumer consumer, long length, Fanout fanout, FailurePolicy policy,
                        PublishListener listener, CompletableFuture<Hashes> digests) {
        r.uploading = Thread.currentThread();
        try (InputStream stream = consumer.prehashedStream(sent -> digestOf(digests, sent))) {
            if (fanoutInterrupted) {
                Thread.currentThread().interrupt(); // the interrupt came before this thread was known
            }
            r.image = r.service.upload(r.imageId, ImageData.fromStream(stream, length),
                    (done, total) -> listener.onRegionProgress(r.name, done, total), INSPECTED_ONCE);
        } catch (IOException e) {
            // close() of a consumer stream never throws
        } catch (RuntimeException | Error e) {
            // An Error too (e.g. out of memory in this region's upload): the region must be recorded as failed, or
            // the rollback would not know its image.
            synchronized (this) {
                r.causedByAbort = fanoutAborted;
                if (!fanoutAborted && policy == FailurePolicy.ALL_OR_NOTHING) {
                    fanoutAborted = true;
                    fanout.abort("the publication to " + r.name + " failed (all or nothing)");
                }
            }
            r.failure = typed(e, "Uploading to " + r.name + " failed");
        } finally {
            r.uploading = null;
            consumer.detach();
        }
    }

    private boolean fanoutAborted;
    private volatile boolean fanoutInterrupted;

    /** The source was inspected once, for every region, before the fan-out: the regions' uploads do not again. */
    private static final UploadOptions INSPECTED_ONCE = UploadOptions.builder().verifyDiskFormat(false)
            .allowUnsafe(true).build();

    /** The one digest of the source, for an upload that sent {@code sent} bytes (all of them, or it fails). */
    private static Hashes digestOf(CompletableFuture<Hashes> digests, long sent) {
        Hashes h;
        try {
            h = digests.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageSdkClientException("Interrupted while waiting for the digest of the image data", e);
        } catch (ExecutionException e) {
            throw new ImageSdkClientException("The digest of the image data is unavailable: " + e.getCause(),
                    e.getCause());
        }
        if (h.bytes() != sent) {
            throw new ImageSdkClientException("The upload sent " + sent + " bytes but " + h.bytes()
                    + " were read from the source");
        }
        return h;
    }

    private static void verify(Region r, String md5, String sha512) {
        if (r.failure != null || r.image == null) {
            return;
        }
        Image img = r.image;
        ChecksumMismatchException mismatch = null;
        if (img.checksum() != null && !img.checksum().equalsIgnoreCase(md5)) {
            mismatch = ChecksumMismatchException.upload(img.id(), "md5", md5, img.checksum());
        } else if ("sha512".equalsIgnoreCase(img.osHashAlgo()) && img.osHashValue() != null
                && !img.osHashValue().equalsIgnoreCase(sha512)) {
            mismatch = ChecksumMismatchException.upload(img.id(), "sha512", sha512, img.osHashValue());
        } else if (img.checksum() == null && img.osHashValue() == null) {
            r.failure = new ImageSdkClientException("The image " + img.id() + " in " + r.name
                    + " reports no checksum after the upload: it cannot be verified");
        }
        if (mismatch != null) {
            r.failure = mismatch;
        }
        if (r.failure != null) {
            r.image = null;
        }
    }

    /**
     * Deletes the region's image as every failed upload's cleanup does ({@link ImageCleanup#delete}): also after
     * an interrupt (the delete does not run with the caller's flag, which stays set), an image already gone is
     * fine. Null if the image is gone, else why it is (or may be) left behind.
     */
    private static ImageSdkException delete(Region r) {
        Optional<ImageSdkClientException> left = ImageCleanup.delete(r.service, r.imageId);
        if (left.isEmpty()) {
            return null;
        }
        r.leftBehind = true;
        return new ImageSdkClientException("Image " + r.imageId + " in " + r.name + ": " + left.get().getMessage(),
                left.get());
    }

    private static ImageSdkException typed(Throwable t, String what) {
        return t instanceof ImageSdkException e ? e : new ImageSdkClientException(what + ": " + t, t);
    }

    /**
     * Waits for a task; an interrupt aborts the fan-out (every upload fails at its next read) and the wait goes
     * on until the task ended, so that cleanup sees every region's outcome; the interrupt flag is restored.
     */
    private static void join(Future<?> f, Runnable onInterrupt) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                onInterrupt.run();
            } catch (ExecutionException e) {
                break; // upload() records its failures itself
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the outcome is decided
        }
    }
}
