package dev.imagesdk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU counters from Linux {@code /proc} (USER_HZ = 100 ticks per second): a process's user+sys time and
 * the machine's busy time, so each measurement can say how much CPU the server and everybody else used.
 * On other systems the values are NaN.
 */
final class ProcStat {
    private static final double TICK = 0.01;

    private ProcStat() {
    }

    /** user + sys CPU seconds of a process, NaN if unknown. */
    static double processCpu(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: fields after ')' start at field 3
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Busy CPU seconds of the whole machine (all cores, excluding idle and iowait), NaN if unknown. */
    static double machineBusy() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
