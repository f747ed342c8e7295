package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageStatus;

import java.time.Duration;
import java.util.function.Function;

/**
 * The status-aware retry of a v1 data upload ({@code PUT /v1/images/{id}} or create-with-data
 * {@code POST /v1/images}), on top of the call executor (which only resends when no body byte went out, and
 * re-authenticates once on a 401 when the source is replayable).
 *
 * <p>After a transient failure (transport error, 429/502/503/504) with body bytes possibly sent, and only
 * for a replayable source, the image is read: {@code queued} means nothing was stored, so the data is sent
 * again (a create whose image exists is continued with a {@code PUT}); {@code active} means the service
 * stored it before the failure reached us, so the source is hashed again and compared (success only on a
 * match); no image after a failed create means the create never happened, so it is sent again (the
 * client-chosen id makes that safe; a 409 on such a retry is resolved the same way). Anything else, a
 * one-shot source, a non-transient failure or running out of attempts: the original failure is thrown.
 * All requests of one upload (the executor's resends included) share the retry policy's {@code maxAttempts},
 * so the two retry layers never multiply; waits here follow the policy's backoff.
 */
final class V1UploadRetry {

    /**
     * @param image the image as the service reported it
     * @param upload the successful exchange with the hashes of the bytes sent, or null when the image was
     *               recovered (already verified against the source)
     */
    record Outcome(Image image, V1Http.Upload upload) {
    }

    private final V1Http http;
    private final RetryPolicy policy;
    private final Function<String, Image> reader;

    V1UploadRetry(V1Http http, RetryPolicy policy, Function<String, Image> reader) {
        this.http = http;
        this.policy = policy;
        this.reader = reader;
    }

    /**
     * Sends {@code first}; on failure applies the rules above.
     *
     * @param continueWithPut the data {@code PUT} to the same image, used when a create left it queued
     */
    Outcome send(String imageId, V1Request first, V1Request continueWithPut, ImageData data,
                 TransferListener listener) {
        V1Request request = first;
        int maxAttempts = Math.max(1, policy.maxAttempts());
        int[] requests = {0}; // every request sent, the transport's own resends included: one budget, not nested
        for (int attempt = 1; ; attempt++) {
            try {
                V1Http.Upload up = http.upload(request, data, listener, () -> requests[0]++);
                return new Outcome(V1Json.image(up.response().body()), up);
            } catch (ImageSdkException failure) {
                boolean create = request.method().equals("POST");
                boolean conflictOnRetry = create && attempt > 1 && failure instanceof ConflictException;
                if (!data.isReplayable() || requests[0] >= maxAttempts
                        || !(conflictOnRetry || isTransient(failure))) {
                    throw failure;
                }
                Image now;
                try {
                    now = reader.apply(imageId);
                } catch (NotFoundException gone) {
                    if (create && !conflictOnRetry) {
                        pause(attempt, failure); // the create never happened: send it again
                        continue;
                    }
                    failure.addSuppressed(gone);
                    throw failure;
                } catch (ImageSdkException e) {
                    failure.addSuppressed(e);
                    throw failure;
                }
                if (ImageStatus.QUEUED.equals(now.status())) {
                    request = continueWithPut;
                    pause(attempt, failure);
                    continue;
                }
                if (ImageStatus.ACTIVE.equals(now.status())) {
                    return new Outcome(verifiedAgainstSource(now, data), null);
                }
                throw failure;
            }
        }
    }

    private static boolean isTransient(ImageSdkException failure) {
        return failure instanceof TransportException
                || (failure instanceof ImageServiceException && ((ImageServiceException) failure).isRetryable());
    }

    /** An active image is ours only if it holds exactly the source's bytes. */
    private static Image verifiedAgainstSource(Image stored, ImageData data) {
        if (stored.checksum() == null) {
            throw new ImageSdkClientException("Image " + stored.id() + " is active after a failed upload but has "
                    + "no checksum; the data cannot be verified");
        }
        V1SourceHashes.Sent sent = V1SourceHashes.of(data);
        if (!stored.checksum().equalsIgnoreCase(sent.md5())) {
            throw ChecksumMismatchException.upload(stored.id(), "md5", sent.md5(), stored.checksum());
        }
        if (stored.size() != null && stored.size() != sent.bytes()) {
            throw ChecksumMismatchException.upload(stored.id(), "size", Long.toString(sent.bytes()),
                    Long.toString(stored.size()));
        }
        return stored;
    }

    private void pause(int attempt, ImageSdkException failure) {
        Duration wait = policy.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (wait.compareTo(policy.maxBackoff()) > 0) {
            wait = policy.maxBackoff();
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
