package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local checks of a download's target, made before any request: a download whose file cannot be written
 * should fail at once, naming the path the caller gave, not after the image's metadata was read and its data
 * requested, naming a temporary file of ours.
 */
public final class DownloadTarget {

    private DownloadTarget() {
    }

    /**
     * Checks that {@code target} can be written: its directory exists, is a directory and is writable, and the
     * target itself is not a directory.
     *
     * @param target the path the caller gave
     * @throws InvalidInputException naming field {@code target} and the path as given, saying which check failed
     */
    public static void check(Path target) {
        Path parent = target.getParent();
        Path dir = parent != null ? parent : target.toAbsolutePath().getParent();
        String shownDir = parent != null ? parent.toString() : "the working directory " + dir;
        if (dir == null) {
            throw new InvalidInputException("target", target, "has no directory to write into");
        }
        if (!Files.exists(dir)) {
            throw new InvalidInputException("target", target, "its directory '" + shownDir + "' does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("target", target, "'" + shownDir + "' is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidInputException("target", target, "its directory '" + shownDir + "' is not writable");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("target", target, "is a directory; give the path of the file to write");
        }
    }
}
