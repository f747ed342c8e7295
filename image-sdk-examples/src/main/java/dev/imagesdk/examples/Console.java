package dev.imagesdk.examples;

import java.io.PrintStream;

/**
 * Where an example prints: numbered steps, indented details, and whether the output is a terminal (which
 * decides how {@link ProgressBar} draws). Not thread-safe beyond what {@link PrintStream} guarantees.
 */
public final class Console {

    private final PrintStream out;
    private final boolean terminal;
    private int step;

    /**
     * @param out where to print
     * @param terminal whether {@code out} is an interactive terminal (progress redraws one line)
     */
    public Console(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Prints a numbered step, e.g. {@code "3. Upload the data"}. */
    public void step(String what) {
        step++;
        out.println(step + ". " + what);
    }

    /** Prints an indented detail line under the current step. */
    public void detail(String text) {
        out.println("   " + text);
    }

    /** Prints a line as it is. */
    public void line(String text) {
        out.println(text);
    }

    /** A progress bar for one transfer, drawn on this console. */
    public ProgressBar progress(String label) {
        return new ProgressBar(out, terminal, label);
    }

    /** Prints a table. */
    public void table(Table table) {
        table.print(out);
    }

    /** The underlying stream. */
    public PrintStream out() {
        return out;
    }

    /** Whether the output is an interactive terminal. */
    public boolean isTerminal() {
        return terminal;
    }
}
