package dev.imagesdk.exception;

/**
 * A waiter stopped without reaching the wanted state: it timed out, or the resource reached a terminal
 * state that can never lead there (an image {@code killed}, an import recorded in
 * {@code os_glance_failed_import}). {@link #timedOut()} tells which.
 */
public class WaiterException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    /** Whether the waiter ran out of time (rather than the resource failing). */
    private final boolean timedOut;
    /** The last state observed, or null. */
    private final String lastState;

    /**
     * Creates the exception.
     *
     * @param message what was awaited and what happened
     * @param timedOut {@code true} if the waiter ran out of time, {@code false} if the resource failed
     * @param lastState the last state observed, or null if none was
     */
    public WaiterException(String message, boolean timedOut, String lastState) {
        super(message);
        this.timedOut = timedOut;
        this.lastState = lastState;
    }

    /** {@return {@code true} when the waiter ran out of time; {@code false} when the resource failed} */
    public boolean timedOut() {
        return timedOut;
    }

    /** {@return the last state observed (e.g. an image status), or null if none was observed} */
    public String lastState() {
        return lastState;
    }
}
