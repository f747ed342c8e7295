package dev.imagesdk.fake.internal.engine;

/**
 * How a status transition that real Glance performs asynchronously (saving -> active after an
 * upload, importing -> active after an import) completes in the fake.
 *
 * @param polls 0: immediately; n &gt; 0: after n reads of the image; -1: only when completed by
 *              the control API
 */
public record TransitionMode(int polls) {
    public static final TransitionMode IMMEDIATE = new TransitionMode(0);
    public static final TransitionMode MANUAL = new TransitionMode(-1);

    public static TransitionMode afterPolls(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("polls must be >= 1: " + n);
        }
        return new TransitionMode(n);
    }
}
