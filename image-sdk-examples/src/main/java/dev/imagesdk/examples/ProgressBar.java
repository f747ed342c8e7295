package dev.imagesdk.examples;

import dev.imagesdk.TransferListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A console progress bar for uploads and downloads: percentage, bytes, rate and ETA. On a terminal it
 * redraws one line (at most ten times a second); otherwise (a pipe, a CI log) it prints a plain line at
 * every 10% so logs stay readable. Thread-safe: the SDK may report progress from its transfer thread.
 * Call {@link #finish()} once the transfer returned.
 */
public final class ProgressBar implements TransferListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long WINDOW_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastDraw = Long.MIN_VALUE;
    // The rate shown while running is that of the last window (about half a second), so that a slow
    // start (connection, JIT) does not make the ETA pessimistic for the whole transfer.
    private long windowStart = startNanos;
    private long windowBytes;
    private double windowRate = -1;
    private int lastDecile;
    private long done;
    private long total = -1;
    private boolean drawn;
    private boolean finished;

    ProgressBar(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    @Override
    public synchronized void onProgress(long bytesTransferred, long totalBytes) {
        if (finished) {
            return;
        }
        // A resumed download reports from the resume point again; keep the highest count.
        done = Math.max(done, bytesTransferred);
        total = totalBytes;
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            windowRate = (done - windowBytes) / ((now - windowStart) / 1e9);
            windowStart = now;
            windowBytes = done;
        }
        if (terminal) {
            if (now - lastDraw >= REDRAW_NANOS || (total > 0 && done >= total)) {
                lastDraw = now;
                out.print("\r" + render(now));
                out.flush();
                drawn = true;
            }
        } else if (total > 0) {
            int decile = (int) Math.min(10, done * 10 / total);
            while (lastDecile < decile) {
                lastDecile++;
                out.println(render(now, lastDecile * 10));
            }
        }
    }

    /** Ends the bar: a final line with the totals (terminal: ends the redrawn line). */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long now = System.nanoTime();
        if (terminal) {
            out.println("\r" + render(now));
        } else if (total <= 0 || lastDecile < 10) {
            out.println(render(now));
        }
        drawn = true;
    }

    /** Whether anything has been printed yet. */
    synchronized boolean hasDrawn() {
        return drawn || lastDecile > 0;
    }

    private String render(long now) {
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        return render(now, percent);
    }

    private String render(long now, int percent) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        boolean complete = finished || percent == 100;
        double rate = !complete && windowRate > 0 ? windowRate : done / seconds;
        StringBuilder b = new StringBuilder("   ").append(label).append(' ');
        if (percent >= 0) {
            int filled = percent * WIDTH / 100;
            b.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3d%%  %s / %s", percent, mib(done), mib(total)));
        } else {
            b.append(mib(done));
        }
        b.append(String.format(Locale.ROOT, "  %s/s", mib((long) rate)));
        if (percent >= 0 && percent < 100 && rate > 0) {
            b.append("  ETA ").append(eta((long) Math.ceil((total - done) / rate)));
        } else if (percent == 100) {
            b.append("  in ").append(String.format(Locale.ROOT, "%.1f s", seconds));
        }
        return b.toString();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String eta(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
