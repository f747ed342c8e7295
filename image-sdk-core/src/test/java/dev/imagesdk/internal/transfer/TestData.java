package dev.imagesdk.internal.transfer;

import org.apache.commons.codec.binary.Hex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

final class TestData {
    private TestData() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String hex(String jca, byte[] data) {
        return hex(jca, data, 0, data.length);
    }

    static String hex(String jca, byte[] data, int off, int len) {
        try {
            MessageDigest d = MessageDigest.getInstance(jca);
            d.update(data, off, len);
            return Hex.encodeHexString(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5(byte[] data) {
        return hex("MD5", data);
    }

    static String sha512(byte[] data) {
        return hex("SHA-512", data);
    }
}
