package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;

/**
 * Picks the format by the signatures in the cached head (qcow2, qed, vhd, vhdx and sparse vmdk at offset 0,
 * vdi at 0x40, a vmdk text descriptor), else by an iso volume descriptor at 32 KiB, else raw; then runs
 * that format's reader. Only one reader runs, so every read moves forward.
 */
public final class Detector {
    private Detector() {
    }

    /**
     * The verdict on the image behind {@code h}. A parsing fault that escaped a reader would be a bug; it
     * becomes an {@code INVALID_HEADER} finding ("inspector fault") rather than an exception, so a caller
     * still gets a refusing verdict. Only the source's {@link IOException} escapes.
     */
    public static DiskImageReport detect(Head h) throws IOException {
        Verdict v = new Verdict();
        try {
            dispatch(h, v);
        } catch (RuntimeException e) {
            v.invalid("inspector fault: " + e.getClass().getSimpleName());
        }
        return v.build(h.examined());
    }

    private static void dispatch(Head h, Verdict v) throws IOException {
        if (h.startsWith(0, Qcow2Reader.MAGIC)) {
            Qcow2Reader.read(h, v);
        } else if (h.startsWith(0, QedReader.MAGIC)) {
            QedReader.read(h, v);
        } else if (h.startsWith(0, VhdReader.MAGIC)) {
            VhdReader.read(h, v);
        } else if (h.startsWith(0, VhdxReader.MAGIC)) {
            VhdxReader.read(h, v);
        } else if (h.startsWith(0, VmdkReader.MAGIC)) {
            VmdkReader.readSparse(h, v);
        } else if (VdiReader.matches(h)) {
            VdiReader.read(h, v);
        } else if (h.startsWith(0, VmdkReader.TEXT_MAGIC)) {
            VmdkReader.readText(h, v);
        } else if (!IsoReader.read(h, v)) {
            v.format = DiskFormat.RAW;
            v.virtualSize = h.size();
        }
    }
}
