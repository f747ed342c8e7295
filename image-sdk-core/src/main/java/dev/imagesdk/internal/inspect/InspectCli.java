package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny command line over the inspector, for scripts/inspect-crosscheck.sh:
 * {@code java -cp image-sdk-core.jar dev.imagesdk.internal.inspect.InspectCli FILE...} prints one line per
 * file, tab-separated: path, format, virtual size (-1 unknown), {@code safe}/{@code unsafe}, findings. It
 * also inspects each file as a stream and marks the line {@code STREAM-DIFFERS} when format or safety differ.
 * Exit status 1 if a file could not be read.
 */
public final class InspectCli {
    private InspectCli() {
    }

    /** Inspects each file named in {@code args}. */
    public static void main(String[] args) {
        int rc = 0;
        for (String a : args) {
            Path p = Path.of(a);
            try {
                DiskImageReport r = DiskImageInspector.inspect(p);
                DiskImageReport s;
                try (InputStream in = Files.newInputStream(p)) {
                    s = DiskImageInspector.inspect(in);
                }
                boolean same = s.format().equals(r.format()) && s.isSafe() == r.isSafe();
                System.out.println(a + "\t" + r.format() + "\t" + r.virtualSize().orElse(-1) + "\t"
                        + (r.isSafe() ? "safe" : "unsafe") + "\t" + r.findings() + (same ? "" : "\tSTREAM-DIFFERS " + s));
            } catch (IOException e) {
                System.out.println(a + "\terror\t-1\tunsafe\t" + e);
                rc = 1;
            }
        }
        System.exit(rc);
    }
}
