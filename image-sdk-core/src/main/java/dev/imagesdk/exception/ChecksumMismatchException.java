package dev.imagesdk.exception;

/**
 * The bytes transferred do not match the checksum the service reports (or the server's view of an upload
 * does not match what the SDK sent). Never retried automatically, and never reported as success: a download
 * leaves nothing at its target path, and a stream-returning download fails its final {@code read}.
 */
public class ChecksumMismatchException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    private final String imageId;
    private final String algorithm;
    private final String expected;
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

    public String imageId() {
        return imageId;
    }

    public String algorithm() {
        return algorithm;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
