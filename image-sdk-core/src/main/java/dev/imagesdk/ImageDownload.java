package dev.imagesdk;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A pending download of one image's data, returned by {@link ImageService#download(String)}. Nothing is
 * transferred until one of the terminal methods is called; each terminal method may be called once.
 *
 * <p>Verification: the SDK reads the image's metadata first and verifies the bytes against
 * {@code os_hash_value} (with its {@code os_hash_algo}), else {@code checksum} (MD5), else the response's
 * {@code Content-MD5}, while streaming. A transfer cut by a connection failure is resumed with an HTTP
 * {@code Range} request from the byte reached (up to the retry policy's limit), and the whole image is
 * still verified. A mismatch throws {@link dev.imagesdk.exception.ChecksumMismatchException}; it is never
 * retried and never reported as success. An image that has no data yet (the service answers 204, e.g. a
 * {@code queued} image) fails with {@link dev.imagesdk.exception.ImageSdkClientException} rather than
 * producing an empty file; an image whose size is 0 downloads as empty and is verified.
 */
public interface ImageDownload {

    /**
     * Reports progress of the transfer to {@code listener}; returns this download.
     *
     * @param listener receives transfer progress; may be null for none
     * @return this download
     */
    ImageDownload listener(TransferListener listener);

    /**
     * Writes the image to {@code target}: the bytes go to a temporary file in the target's directory,
     * which is moved into place (atomically where the file system allows, replacing an existing file)
     * only after the whole image verified. On any failure nothing is left at {@code target} (an existing
     * file there is untouched) and the temporary file is deleted.
     *
     * <p>The temporary file is hidden and named {@code .<name>.<12 hex digits>.imagesdk.part}, with
     * {@code <name>} (the target's name) shortened so that the whole name fits 255 bytes: any target name
     * the file system accepts works. A JVM killed during a download cannot delete its temporary file, so
     * this method first deletes, in the target's directory, this SDK's temporary files (that naming pattern
     * only, and the earlier {@code .<name>.<12 hex digits>.part}) last modified more than a day ago.
     *
     * <p>The file is durable when this method returns ({@link DownloadOptions#defaults()}): its bytes and its
     * move into place are forced to the storage device. Most of that writing happens in the background while
     * the transfer runs; {@link #toPath(Path, DownloadOptions)} can turn it off.
     *
     * @param target the file to write; replaced only once the data is verified
     * @return what was transferred and verified
     * @throws dev.imagesdk.exception.InvalidInputException naming field {@code target} and the path as given,
     *         before any request is sent, if the target's directory does not exist, is not a directory or is not
     *         writable, or if the target is a directory (the download can then be started again with another path)
     * @throws dev.imagesdk.exception.ChecksumMismatchException if the bytes do not match
     * @throws dev.imagesdk.exception.InvalidInputException if {@code target} names a directory or no file
     * @throws dev.imagesdk.exception.ImageSdkException for any other failure (typed)
     */
    DownloadResult toPath(Path target);

    /**
     * As {@link #toPath(Path)}, with per-call options: {@code DownloadOptions.builder().durable(false).build()}
     * skips forcing the file to the storage device, for callers who can download again after a crash of the
     * machine. Every other guarantee of {@link #toPath(Path)} holds whatever the options: nothing partial or
     * unverified is ever left at {@code target}.
     *
     * <p>The default implementation ignores the options and calls {@link #toPath(Path)}, which is always
     * durable (a stronger guarantee than any option asks for); the SDK's own downloads honour them.
     *
     * @param target the file to write; replaced only once the data is verified
     * @param options how to write the file; null means {@link DownloadOptions#defaults()}
     * @return what was transferred and verified
     * @throws dev.imagesdk.exception.ChecksumMismatchException if the bytes do not match
     * @throws dev.imagesdk.exception.InvalidInputException if {@code target} names a directory or no file
     * @throws dev.imagesdk.exception.ImageSdkException for any other failure (typed)
     */
    default DownloadResult toPath(Path target, DownloadOptions options) {
        return toPath(target);
    }

    /**
     * Copies the image into {@code out} (not closed). The bytes reach {@code out} before verification
     * ends, so on a mismatch the caller must discard what was written; prefer {@link #toPath} for files.
     *
     * @param out where the bytes go; not closed
     * @return the verified size and digest of what was copied
     */
    DownloadResult toOutputStream(OutputStream out);

    /**
     * Opens the image data as a stream that verifies as it is read: the final {@code read} (the one that
     * would return -1) throws {@link dev.imagesdk.exception.ChecksumMismatchException} (unchecked) if the
     * bytes do not match, so a reader that reaches the end has seen verified data. The caller must close
     * the stream; closing it early aborts the transfer.
     *
     * @return a stream over the image data that verifies it as it is read; the caller closes it
     */
    InputStream openStream();
}
