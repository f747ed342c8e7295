package dev.imagesdk.fake.internal.engine;

/**
 * The image status machine's pending transitions ({@code saving -> active}, {@code importing -> active}):
 * run at once, after a number of polls, or when the control API completes them ({@link TransitionMode}).
 */
public final class Transitions {
    private final EngineState state;

    Transitions(EngineState state) {
        this.state = state;
    }

    void poll(Image img) {
        Image.Transition t = img.pending;
        if (t != null && t.pollsLeft > 0 && --t.pollsLeft == 0) {
            complete(img);
        }
    }

    private void complete(Image img) {
        Image.Transition t = img.pending;
        img.pending = null;
        t.onComplete.run();
        img.status = t.target;
        img.updatedAt = state.now();
    }

    /** Runs the transition now or schedules it by the given mode. */
    void transition(Image img, String interim, String target, TransitionMode mode, Runnable onComplete) {
        img.pending = new Image.Transition(target, mode.polls(), onComplete);
        img.status = interim;
        if (mode.polls() == 0) {
            complete(img);
        }
    }

    /** Completes a pending (manual or poll-counted) transition; false if none was pending. */
    public boolean completeTransition(String id) {
        return state.locked(() -> {
            Image img = state.images.get(id);
            if (img == null || img.pending == null) {
                return false;
            }
            complete(img);
            return true;
        });
    }

    /** Forces a status (control API), e.g. {@code killed}. */
    public void forceStatus(String id, String status) {
        state.lockedRun(() -> {
            Image img = state.images.get(id);
            if (img == null) {
                throw GlanceException.imageNotFound(id);
            }
            img.pending = null;
            img.status = status;
            img.updatedAt = state.now();
        });
    }
}
