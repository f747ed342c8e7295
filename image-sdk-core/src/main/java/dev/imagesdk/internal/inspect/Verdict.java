package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.DiskFormat;

import java.util.ArrayList;
import java.util.List;

/** The verdict being built by a format reader: format, virtual size (-1 unknown) and findings (at most 16). */
final class Verdict {
    static final int MAX_FINDINGS = 16;

    DiskFormat format = DiskFormat.RAW;
    long virtualSize = -1;
    private final List<Finding> findings = new ArrayList<>(4);

    void add(Finding.Kind kind, String detail) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(new Finding(kind, Bytes.cut(detail)));
        }
    }

    void invalid(String detail) {
        add(Finding.Kind.INVALID_HEADER, detail);
    }

    /** A size field read as unsigned: one above {@code Long.MAX_VALUE} is no real disk, so it stays unknown. */
    void size(long unsigned) {
        if (unsigned >= 0) {
            virtualSize = unsigned;
        } else {
            invalid(format + " virtual size " + Long.toUnsignedString(unsigned) + " is out of range");
        }
    }

    /** The format's header is cut short: {@code have} of the {@code need} bytes are there. */
    void truncated(long need, long have) {
        add(Finding.Kind.TRUNCATED, format + " header needs " + need + " bytes, the image has " + have);
    }

    DiskImageReport build(long examined) {
        return DiskImageReport.of(format, virtualSize, findings, examined);
    }
}
