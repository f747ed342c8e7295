package dev.imagesdk.exception;

/**
 * The bytes transferred do not match the checksum the service reports (or the server's view of an upload
 * does not match what the SDK sent). Never retried automatically, and never reported as success: a download
 * leaves nothing at its target path, and a stream-returning download fails its final {@code read}.
 */
public class ChecksumMismatchException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    /** The image whose data was checked, or null. */
    private final String imageId;
    /** The hash algorithm, as Glance names it. */
    private final String algorithm;
    /** The hex digest the reference side reported. */
    private final String expected;
    /** The hex digest computed over the bytes. */
    private final String actual;

    /**
     * @param imageId the image whose data was checked (may be null when unknown)
     * @param algorithm the hash algorithm, as Glance names it ({@code md5}, {@code sha512}, ...)
     * @param expected the hex digest the reference side reported
     * @param actual the hex digest computed over the bytes
     */
    public ChecksumMismatchException(String imageId, String algorithm, String expected, String actual) {
        super("Checksum mismatch for image " + imageId + ": " + algorithm + " expected " + expected
                + " but the data has " + actual);
        this.imageId = imageId;
        this.algorithm = algorithm;
        this.expected = expected;
        this.actual = actual;
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
     * The hash algorithm, as Glance names it ({@code md5}, {@code sha512}, ...).
     *
     * @return the algorithm name
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The hex digest the reference side (the service, or the upload's source) reported.
     *
     * @return the expected digest
     */
    public String expected() {
        return expected;
    }

    /**
     * The hex digest computed over the bytes transferred.
     *
     * @return the actual digest
     */
    public String actual() {
        return actual;
    }
}
