package dev.imagesdk.v2.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ImageSdkClientException;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 and SHA-512 of a replayable source, read once more. Used only to confirm an upload whose response was
 * lost but which the service completed; the normal path hashes while streaming.
 */
final class SourceHashes {

    private SourceHashes() {
    }

    static UploadHashes of(ImageData source) {
        try (InputStream in = source.open()) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
                sha512.update(buf, 0, n);
                total += n;
            }
            return new UploadHashes(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha512.digest()),
                    total);
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not read the upload source again to verify it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new ImageSdkClientException("The JDK lacks MD5 or SHA-512", e);
        }
    }
}
