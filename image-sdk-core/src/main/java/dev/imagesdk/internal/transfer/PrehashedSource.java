package dev.imagesdk.internal.transfer;

/**
 * An upload source whose MD5 and SHA-512 its producer computes (a publication to several regions hashes the
 * bytes once, as it reads them, for every region's upload). {@link UploadCall} then sends the bytes without
 * hashing them again and reports these digests. Implemented by the {@code InputStream} an
 * {@link dev.imagesdk.ImageData} opens.
 */
public interface PrehashedSource {

    /**
     * The digests of every byte the stream delivered, called once it reached its end.
     *
     * @param bytesSent the bytes the upload read and sent; must be all the producer read
     * @throws dev.imagesdk.exception.ImageSdkClientException if the producer did not read exactly
     *         {@code bytesSent} bytes, failed, or the wait for its digest was interrupted
     */
    Hashes hashes(long bytesSent);
}
