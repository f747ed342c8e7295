package dev.imagesdk.internal.transfer;

import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * An upload source that writes its own buffers to the connection, on the uploading thread: no copy into the
 * upload's ring and no second thread. A publication's region stream is one: its buffers are the fan-out's, read
 * and hashed once for every region, so the region's upload only sends them ({@link UploadCall} then skips its
 * {@link PipelinedCopy}). Implemented by the {@code InputStream} an {@link dev.imagesdk.ImageData} opens; a
 * stream is either read or written with {@link #writeTo}, not both.
 */
public interface DirectSource extends PrehashedSource {

    /**
     * Writes every remaining byte of the source to {@code sink}, in the source's own buffers.
     *
     * <p>The source enforces its declared length itself (a buffer that would complete a body of the wrong
     * length is never handed out); this call checks it again: a buffer that would go beyond
     * {@code declaredLength} is not written ({@link PipelinedCopy.Status#SOURCE_TOO_LONG}).
     *
     * @param sink the connection; not closed
     * @param declaredLength the bytes the upload declared, or -1
     * @param onWritten told the total written after each write, on this thread; if it throws, the outcome is
     *                  {@link PipelinedCopy.Status#SINK_FAILED}
     * @return how it ended: {@code COMPLETE}, {@code SOURCE_FAILED} (the source failed, was aborted or the wait
     *         for it was interrupted: the interrupt flag is then set), {@code SOURCE_TOO_LONG},
     *         {@code SOURCE_TOO_SHORT} or {@code SINK_FAILED} (a write threw); {@code bytes} is what was written
     */
    PipelinedCopy.Outcome writeTo(OutputStream sink, long declaredLength, LongConsumer onWritten);
}
