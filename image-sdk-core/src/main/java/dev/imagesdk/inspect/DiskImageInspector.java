package dev.imagesdk.inspect;

import dev.imagesdk.internal.inspect.Detector;
import dev.imagesdk.internal.inspect.Head;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads the headers of a disk image and tells its format, virtual size and whether it is safe to upload,
 * applying the checks Glance 25's own format inspector applies (and a few more, listed on {@link Finding.Kind}).
 *
 * <p>What is read: the first 4 KiB, then only the regions the detected format needs, in increasing offset
 * order: a qcow2's header extensions and backing file name (within its first 64 KiB), a vmdk's embedded
 * descriptor (at most 1 MiB, parsed line by line as it passes), a vhdx's region table at 192 KiB and its
 * metadata table (at most 64 KiB, at an offset below 64 MiB), an iso's volume descriptors at 32 KiB (at most
 * 32 sectors of 2 KiB), and for content that matches nothing else, the 2 KiB at 32 KiB to rule out iso. The
 * inspector never reads or skips past 64 MiB + 64 KiB, and holds a few KiB of memory whatever the input.
 *
 * <p>Hostile input never makes it throw: a truncated header, an oversized or out-of-range field, or random
 * bytes give a verdict (raw when nothing matches, or a format with an {@link Finding.Kind#INVALID_HEADER} or
 * {@link Finding.Kind#TRUNCATED} finding). Only an {@link IOException} of the underlying file or stream
 * escapes. Stateless and thread-safe.
 */
public final class DiskImageInspector {
    /** The {@code qed} disk format, which Glance detects and refuses; an open {@link DiskFormat} value. */
    public static final DiskFormat QED = DiskFormat.of("qed");

    private DiskImageInspector() {
    }

    /**
     * Inspects a file. A raw file's virtual size is the file's size.
     *
     * @param file the image file
     * @return the verdict
     * @throws IOException          if the file cannot be opened or read (e.g. {@link java.nio.file.NoSuchFileException})
     * @throws NullPointerException if {@code file} is null
     */
    public static DiskImageReport inspect(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return Detector.detect(Head.of(ch));
        }
    }

    /**
     * Inspects the beginning of a stream, reading (and skipping) only as far as the format needs, at most
     * 64 MiB + 64 KiB; the stream is left positioned there and is not closed. A raw image's virtual size is
     * unknown here (the stream's end is never reached).
     *
     * @param in the image's bytes from offset 0
     * @return the verdict
     * @throws IOException          if reading or skipping the stream fails
     * @throws NullPointerException if {@code in} is null
     */
    public static DiskImageReport inspect(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return Detector.detect(Head.of(in));
    }
}
