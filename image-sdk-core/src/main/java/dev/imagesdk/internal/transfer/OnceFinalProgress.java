package dev.imagesdk.internal.transfer;

import dev.imagesdk.TransferListener;

/**
 * The caller's {@link TransferListener} as the transfers call it: a report identical to the one before it
 * (same byte count, same total) is dropped. The copy loops report after every write and the transfers report
 * the final count once more when they end (so that an empty image, which has no write, still gets its one
 * final report); without this the final count reached the caller twice. One per transfer attempt; reports come
 * from one thread at a time (the copy's worker, then the calling thread after the copy has ended).
 */
final class OnceFinalProgress implements TransferListener {

    private final TransferListener listener;
    private volatile long lastBytes = -1;
    private volatile long lastTotal = Long.MIN_VALUE;

    private OnceFinalProgress(TransferListener listener) {
        this.listener = listener;
    }

    /** {@code listener} (null: none) with repeated reports dropped; never wraps twice. */
    static TransferListener wrap(TransferListener listener) {
        if (listener == null || listener == TransferListener.NONE) {
            return TransferListener.NONE;
        }
        return listener instanceof OnceFinalProgress ? listener : new OnceFinalProgress(listener);
    }

    @Override
    public void onProgress(long bytesTransferred, long totalBytes) {
        if (bytesTransferred == lastBytes && totalBytes == lastTotal) {
            return;
        }
        lastBytes = bytesTransferred;
        lastTotal = totalBytes;
        listener.onProgress(bytesTransferred, totalBytes);
    }
}
