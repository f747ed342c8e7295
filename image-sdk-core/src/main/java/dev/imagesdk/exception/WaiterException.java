package dev.imagesdk.exception;

/**
 * A waiter stopped without reaching the wanted state: it timed out, or the resource reached a terminal
 * state that can never lead there (an image {@code killed}, an import recorded in
 * {@code os_glance_failed_import}). {@link #timedOut()} tells which.
 */
public class WaiterException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    private final boolean timedOut;
    private final String lastState;

    public WaiterException(String message, boolean timedOut, String lastState) {
        super(message);
        this.timedOut = timedOut;
        this.lastState = lastState;
    }

    /** {@code true} when the waiter ran out of time; {@code false} when the resource failed. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The last state observed (e.g. an image status), or null if none was observed. */
    public String lastState() {
        return lastState;
    }
}
