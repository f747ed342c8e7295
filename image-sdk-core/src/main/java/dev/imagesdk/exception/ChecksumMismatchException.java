package dev.imagesdk.exception;

import java.util.Optional;

/**
 * The bytes transferred do not match the checksum they should have. Never retried automatically, and never
 * reported as success: a download leaves nothing at its target path, a stream-returning download fails its
 * final {@code read}, and an upload fails (the image is deleted unless configured otherwise).
 *
 * <p><b>Expected and actual, in both directions.</b> {@link #expected()} is always the digest of the data at
 * its source, what the caller meant to transfer; {@link #actual()} is the digest of what arrived at the
 * destination:
 * <ul>
 *   <li>{@linkplain Direction#UPLOAD upload}: expected = the digest the SDK computed over the bytes it sent;
 *       actual = the digest the service computed over what it stored ({@code checksum} /
 *       {@code os_hash_value}, or {@code size});</li>
 *   <li>{@linkplain Direction#DOWNLOAD download}: expected = the digest the service records for the image
 *       (or the response's checksum header); actual = the digest of the bytes received.</li>
 * </ul>
 * {@link #localDigest()} and {@link #serviceDigest()} give the same two values named by side. Before this
 * was settled, an upload mismatch reported the service's digest as {@code expected()}; it no longer does.
 */
public class ChecksumMismatchException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    /** Which way the data moved when the mismatch was found. */
    public enum Direction {
        /** The data was sent to the service: expected = local digest, actual = the service's. */
        UPLOAD,
        /** The data was received from the service: expected = the service's digest, actual = local. */
        DOWNLOAD
    }

    /** The image whose data was checked, or null. */
    private final String imageId;
    /** The hash algorithm, as Glance names it. */
    private final String algorithm;
    /** The hex digest of the data at its source. */
    private final String expected;
    /** The hex digest of the data at its destination. */
    private final String actual;
    /** Which way the data moved, or null when the creator did not say. */
    private final Direction direction;

    /**
     * A mismatch whose direction is not known; prefer {@link #upload} or {@link #download}.
     *
     * @param imageId the image whose data was checked (may be null when unknown)
     * @param algorithm the hash algorithm, as Glance names it ({@code md5}, {@code sha512}, ...)
     * @param expected the hex digest of the data at its source
     * @param actual the hex digest of the data at its destination
     */
    public ChecksumMismatchException(String imageId, String algorithm, String expected, String actual) {
        this(imageId, algorithm, expected, actual, null, "Checksum mismatch for image " + imageId + ": "
                + algorithm + " expected " + expected + " but the data has " + actual);
    }

    private ChecksumMismatchException(String imageId, String algorithm, String expected, String actual,
                                      Direction direction, String message) {
        super(message);
        this.imageId = imageId;
        this.algorithm = algorithm;
        this.expected = expected;
        this.actual = actual;
        this.direction = direction;
    }

    /**
     * An upload whose stored data differs from what was sent.
     *
     * @param imageId the image uploaded to (may be null when unknown)
     * @param algorithm the hash algorithm, as Glance names it ({@code md5}, {@code sha512}, {@code size})
     * @param sent the digest the SDK computed over the bytes it sent (becomes {@link #expected()})
     * @param stored the digest the service reports for what it stored (becomes {@link #actual()})
     * @return the exception, not thrown
     */
    public static ChecksumMismatchException upload(String imageId, String algorithm, String sent, String stored) {
        return new ChecksumMismatchException(imageId, algorithm, sent, stored, Direction.UPLOAD,
                "Checksum mismatch after uploading image " + imageId + ": the data sent has " + algorithm + " "
                        + sent + " but the service stored " + stored);
    }

    /**
     * A download whose received data differs from what the service records.
     *
     * @param imageId the image downloaded (may be null when unknown)
     * @param algorithm the hash algorithm, as Glance names it ({@code md5}, {@code sha512}, ...)
     * @param recorded the digest the service records for the image (becomes {@link #expected()})
     * @param received the digest of the bytes received (becomes {@link #actual()})
     * @return the exception, not thrown
     */
    public static ChecksumMismatchException download(String imageId, String algorithm, String recorded,
                                                     String received) {
        return new ChecksumMismatchException(imageId, algorithm, recorded, received, Direction.DOWNLOAD,
                "Checksum mismatch downloading image " + imageId + ": " + algorithm + " expected " + recorded
                        + " (as the service records it) but the data received has " + received);
    }

    /**
     * The image whose data was checked.
     *
     * @return the image id, or null when unknown
     */
    public String imageId() {
        return imageId;
    }

    /**
     * The hash algorithm, as Glance names it ({@code md5}, {@code sha512}, ...; {@code size} when the byte counts
     * differ).
     *
     * @return the algorithm name
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The digest of the data at its source, what should have arrived: on an upload the digest of the bytes sent,
     * on a download the digest the service records.
     *
     * @return the expected digest
     */
    public String expected() {
        return expected;
    }

    /**
     * The digest of what arrived: on an upload the digest the service computed over what it stored, on a download
     * the digest of the bytes received.
     *
     * @return the actual digest
     */
    public String actual() {
        return actual;
    }

    /**
     * Which way the data moved.
     *
     * @return the direction, or empty when the exception was created without one (the public constructor)
     */
    public Optional<Direction> direction() {
        return Optional.ofNullable(direction);
    }

    /**
     * The digest computed on this side (over the bytes sent, or received).
     *
     * @return the local digest, or empty when the direction is unknown
     */
    public Optional<String> localDigest() {
        if (direction == null) {
            return Optional.empty();
        }
        return Optional.of(direction == Direction.UPLOAD ? expected : actual);
    }

    /**
     * The digest the service reported (for what it stored, or for the image downloaded).
     *
     * @return the service's digest, or empty when the direction is unknown
     */
    public Optional<String> serviceDigest() {
        if (direction == null) {
            return Optional.empty();
        }
        return Optional.of(direction == Direction.UPLOAD ? actual : expected);
    }
}
