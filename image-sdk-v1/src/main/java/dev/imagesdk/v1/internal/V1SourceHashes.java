package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ImageSdkClientException;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 and length of a replayable source, read once more. Only used to confirm an upload whose answer was
 * lost but which the service completed; the normal path hashes while streaming.
 */
final class V1SourceHashes {

    record Sent(String md5, long bytes) {
    }

    private V1SourceHashes() {
    }

    static Sent of(ImageData source) {
        try (InputStream in = source.open()) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
                total += n;
            }
            return new Sent(HexFormat.of().formatHex(md5.digest()), total);
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not read the upload source again to verify it: "
                    + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new ImageSdkClientException("The JDK lacks MD5", e);
        }
    }
}
