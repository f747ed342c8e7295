/**
 * Internal: not for users, may change without notice.
 *
 * <p>The SDK's own streaming data path for image bytes, on {@link java.net.HttpURLConnection} in
 * fixed-length or chunked streaming mode: uploads ({@link dev.imagesdk.internal.transfer.UploadCall}),
 * resumable verified downloads ({@link dev.imagesdk.internal.transfer.StreamingImageDownload}), a
 * two-thread pipelined hasher ({@link dev.imagesdk.internal.transfer.PipelinedCopy}: the calling thread
 * reads and computes one digest, a worker computes the other and writes), constant memory (a bounded ring
 * of reusable buffers), one pass over the source. {@link dev.imagesdk.internal.transfer.TransferEngine}
 * owns the shared daemon threads and the configuration;
 * {@link dev.imagesdk.internal.transfer.DataTransport} wires it, once for both API versions, onto the call
 * layer (token, retry policy, re-authentication, error mapper, wire logger).
 */
package dev.imagesdk.internal.transfer;
