package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Writes a file so that it appears complete or not at all: the bytes go to a hidden temp file
 * {@code .<name>.<12 hex>.imagesdk.part} in the target's directory, are forced to disk (when durable: most of
 * it in the background while the content is written, see {@link FileSink}), and the temp file is then moved
 * over the target (atomically where the file system allows, else a plain replacing move; when durable, the
 * directory is then forced too). On any failure the temp file is deleted and the target (or the file already
 * there) is untouched.
 *
 * <p>Temp names fit the usual 255-byte limit of a file name whatever the target's name: {@code <name>} is
 * the target's name cut (on a UTF-8 character boundary) so that the whole temp name is at most 255 bytes.
 * A temp file left by a JVM that was killed mid-download cannot be deleted by it; so before each write,
 * temp files of this SDK (this naming pattern only, also the earlier {@code .<name>.<12 hex>.part}) in the
 * target's directory that were last modified more than {@link #STALE_AFTER} ago are deleted (best effort).
 */
final class AtomicFileWriter {

    /** Writes the content; may throw anything, the temp file is then removed. */
    @FunctionalInterface
    interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Our temp files older than this are left-overs of a dead process and are deleted. */
    static final Duration STALE_AFTER = Duration.ofDays(1);

    /** The longest file name (in bytes) the common file systems accept (ext4, XFS, btrfs, NTFS, APFS). */
    static final int MAX_NAME_BYTES = 255;

    /** Bytes between two background forces of a durable write (measured: see {@link FileSink}). */
    static final long FORCE_EVERY = 32L << 20;

    private static final String SUFFIX = ".imagesdk.part";
    private static final int RANDOM_HEX = 12;
    /** Ours: the current pattern, and the earlier one ({@code .<name>.<12 hex>.part}). */
    private static final Pattern OWN_TEMP = Pattern.compile("^\\..+\\.[0-9a-f]{12}(?:\\.imagesdk)?\\.part$");

    private AtomicFileWriter() {
    }

    static <T> T write(Path target, Content<T> content) {
        return write(target, true, null, content);
    }

    /**
     * @param durable force the file to the device before the move, and the move after it (else nothing forced)
     * @param background runs the progressive forces of a durable write ({@link FileSink}); null: all at the end
     */
    static <T> T write(Path target, boolean durable, Executor background, Content<T> content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new InvalidInputException("target", target, "must name a file");
        }
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException("target", target, "is a directory");
        }
        removeStaleTempFiles(dir, Instant.now());
        Path temp = dir.resolve(tempName(absolute.getFileName().toString()));
        boolean moved = false;
        try {
            T result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                FileSink out = new FileSink(channel, durable ? background : null, FORCE_EVERY);
                result = content.writeTo(out);
                out.finish();
                if (durable) {
                    channel.force(true);
                }
            } catch (IOException e) {
                throw new ImageSdkClientException("Could not write " + temp + ": " + e.getMessage(), e);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            if (durable) {
                forceDirectory(dir);
            }
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

    /** {@code .<name, cut to fit>.<12 hex>.imagesdk.part}, at most {@link #MAX_NAME_BYTES} bytes in UTF-8. */
    static String tempName(String targetName) {
        byte[] random = new byte[RANDOM_HEX / 2];
        RANDOM.nextBytes(random);
        int budget = MAX_NAME_BYTES - (1 + 1 + RANDOM_HEX + SUFFIX.length());
        return "." + cutToUtf8Bytes(targetName, budget) + "." + HexFormat.of().formatHex(random) + SUFFIX;
    }

    /** The longest prefix of {@code s} whose UTF-8 form has at most {@code maxBytes} bytes (never half a character). */
    static String cutToUtf8Bytes(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** Deletes our temp files in {@code dir} last modified before {@code now - STALE_AFTER}; never fails. */
    static void removeStaleTempFiles(Path dir, Instant now) {
        Instant limit = now.minus(STALE_AFTER);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> OWN_TEMP.matcher(p.getFileName().toString()).matches())) {
            for (Path p : entries) {
                try {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(limit)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // another process's file, or gone meanwhile: not ours to insist on
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable directory: the write itself reports what matters
        }
    }
}
