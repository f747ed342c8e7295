package dev.imagesdk;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of an image to upload: where they come from, how long they are (when known) and whether they
 * can be read again.
 *
 * <p>A <em>replayable</em> source ({@link #fromPath}, {@link #fromSupplier}, {@link #fromBytes}) can be
 * opened again, so a failed upload may be retried from the start. A <em>one-shot</em> source
 * ({@link #fromStream}) is read at most once: an upload from it is never retried or replayed after any
 * byte was read, and fails with a typed exception instead. The SDK streams every source in constant
 * memory; it never buffers the whole image.
 */
public final class ImageData {

    /** Opens a fresh stream over the same bytes each time it is called. */
    @FunctionalInterface
    public interface StreamSupplier {
        /**
         * Opens a new stream positioned at the first byte; the caller closes it.
         *
         * @return the stream
         * @throws IOException if the source cannot be opened (the transfer then fails with a typed exception)
         */
        InputStream open() throws IOException;
    }

    private final StreamSupplier supplier;
    private final long length;
    private final boolean replayable;
    private final String description;
    private final AtomicBoolean opened = new AtomicBoolean();

    private ImageData(StreamSupplier supplier, long length, boolean replayable, String description) {
        this.supplier = supplier;
        this.length = length;
        this.replayable = replayable;
        this.description = description;
    }

    /**
     * {@return a file} Replayable; its length is read now and checked again when opened (a file that changed
     * size in between fails the upload instead of sending a different image).
     *
     * @param file the file; not null
     * @throws InvalidInputException if the path is not a readable regular file
     */
    public static ImageData fromPath(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new InvalidInputException("file", file, "does not exist"
                    + (file.getParent() != null && !Files.isDirectory(file.getParent())
                    ? " (nor does its directory '" + file.getParent() + "')" : ""));
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("file", file, Files.isDirectory(file)
                    ? "is a directory; give the path of the image file" : "is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("file", file, "is not readable (check its permissions)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException("file", file, "size could not be read: " + e.getMessage());
        }
        return new ImageData(() -> Files.newInputStream(file), size, true, "file " + file);
    }

    /**
     * {@return a supplier that opens a new stream over the same bytes on each call} Replayable.
     *
     * @param supplier opens a new stream over the same bytes on each call; not null
     * @param length the exact number of bytes, or {@code -1} when unknown (sent chunked)
     */
    public static ImageData fromSupplier(StreamSupplier supplier, long length) {
        Objects.requireNonNull(supplier, "supplier");
        checkLength(length);
        return new ImageData(supplier, length, true, "stream supplier");
    }

    /**
     * {@return a stream read at most once} Never replayed: a failure after the first byte is read is reported,
     * not retried. The SDK closes the stream when the upload ends.
     *
     * @param stream the bytes, read once and not closed by a failed attempt; not null
     * @param length the exact number of bytes, or {@code -1} when unknown (sent chunked)
     */
    public static ImageData fromStream(InputStream stream, long length) {
        Objects.requireNonNull(stream, "stream");
        checkLength(length);
        return new ImageData(() -> stream, length, false, "one-shot stream");
    }

    /**
     * {@return bytes in memory (for small images and tests)} Replayable. The array is not copied.
     *
     * @param bytes the size in bytes; not null
     */
    public static ImageData fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ImageData(() -> new ByteArrayInputStream(bytes), bytes.length, true, "byte array");
    }

    private static void checkLength(long length) {
        if (length < -1) {
            throw new InvalidInputException("length", length, "must be -1 (unknown) or a byte count >= 0");
        }
    }

    /** {@return the exact length in bytes, if known} */
    public OptionalLong length() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** {@return {@code true} if the source can be opened again (and so an upload from it can be retried)} */
    public boolean isReplayable() {
        return replayable;
    }

    /**
     * Opens the bytes for reading. A replayable source gives a fresh stream each time; a one-shot source
     * can be opened once.
     *
     * @return a stream over the bytes, which the caller closes
     * @throws ImageSdkClientException if a one-shot source is opened a second time or cannot be opened
     */
    public InputStream open() {
        if (!replayable && !opened.compareAndSet(false, true)) {
            throw new ImageSdkClientException("A one-shot stream cannot be read twice; use ImageData.fromPath "
                    + "or fromSupplier to allow retries");
        }
        try {
            return supplier.open();
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not open " + description + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ImageSdkClientException("Could not open " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ImageData[" + description + ", length=" + (length < 0 ? "unknown" : length)
                + (replayable ? ", replayable" : ", one-shot") + "]";
    }
}
