package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a file so that it appears complete or not at all: the bytes go to {@code .<name>.<random>.part}
 * in the target's directory, are forced to disk, and the temp file is then moved over the target
 * (atomically where the file system allows, else a plain replacing move). On any failure the temp file is
 * deleted and the target (or the file already there) is untouched.
 */
final class AtomicFileWriter {

    /** Writes the content; may throw anything, the temp file is then removed. */
    @FunctionalInterface
    interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFileWriter() {
    }

    static <T> T write(Path target, Content<T> content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new InvalidInputException("target", target, "must name a file");
        }
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException("target", target, "is a directory");
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        Path temp = dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(random) + ".part");
        boolean moved = false;
        try {
            T result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                result = content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            } catch (IOException e) {
                throw new ImageSdkClientException("Could not write " + temp + ": " + e.getMessage(), e);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
            return result;
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not move the downloaded file into place at " + absolute
                    + ": " + e.getMessage(), e);
        } catch (ImageSdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageSdkClientException("Writing " + absolute + " failed: " + e, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a leftover .part file is hidden and named as such
                }
            }
        }
    }

    /** Makes the rename durable where the platform allows syncing a directory (Linux does). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported here (e.g. Windows): the file itself is already on disk
        }
    }
}
