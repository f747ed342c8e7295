package dev.imagesdk;

/**
 * Per-call settings of {@link ImageDownload#toPath(java.nio.file.Path, DownloadOptions)}: today, whether the
 * file is made durable. Immutable and thread-safe; {@link #defaults()} is what {@link ImageDownload#toPath(
 * java.nio.file.Path)} uses.
 *
 * <p><b>Durable (the default).</b> The verified file survives a crash or power loss once {@code toPath}
 * returns: its bytes are forced to the storage device before it is moved into place, and the move itself is
 * forced (the directory is synced where the platform allows it, e.g. Linux). The SDK spreads this cost over
 * the download: the bytes written so far are forced to the device in the background while the transfer runs,
 * so at the end only the last few MiB remain to be written before the move.
 *
 * <p><b>Not durable</b> ({@code durable(false)}): nothing is forced. The file is still written to a temporary
 * file, verified, and moved into place only when complete, so {@code target} never holds a partial or
 * unverified image, and every other guarantee of {@code toPath} holds; but after a crash of the machine (not
 * of the JVM) shortly after the call, the file may be missing, empty or incomplete. For callers who can
 * download again after a crash, e.g. a cache, or a file that is read once and deleted.
 */
public final class DownloadOptions {

    private static final DownloadOptions DEFAULTS = builder().build();

    private final boolean durable;

    private DownloadOptions(Builder b) {
        this.durable = b.durable;
    }

    /** {@return the defaults: the file is durable once the call returns} */
    public static DownloadOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        return new Builder().durable(durable);
    }

    /** {@return whether the file is forced to the storage device before it is moved into place (default true)} */
    public boolean durable() {
        return durable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DownloadOptions d && d.durable == durable;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(durable);
    }

    @Override
    public String toString() {
        return "DownloadOptions[durable=" + durable + "]";
    }

    /** Builds {@link DownloadOptions}; not thread-safe. */
    public static final class Builder {
        private boolean durable = true;

        private Builder() {
        }

        /**
         * {@code false} skips forcing the file to the storage device (see {@link DownloadOptions}); the file is
         * still verified and moved into place only when complete.
         *
         * @param durable {@code true} (default) to make the file survive a crash once {@code toPath} returns
         * @return this builder
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** {@return the options} */
        public DownloadOptions build() {
            return new DownloadOptions(this);
        }
    }
}
