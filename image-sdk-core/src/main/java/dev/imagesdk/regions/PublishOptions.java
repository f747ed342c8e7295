package dev.imagesdk.regions;

import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.InvalidInputException;

import java.util.Objects;

/**
 * How {@link dev.imagesdk.ImageServices#publish} behaves: its {@link FailurePolicy}, its progress listener and
 * the memory of its fan-out (a ring of {@code bufferCount} buffers of {@code bufferSize} bytes, shared by every
 * region). Immutable.
 */
public final class PublishOptions {

    /** Default buffer size: 256 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
    /** Default number of buffers in the ring: 8. */
    public static final int DEFAULT_BUFFER_COUNT = 8;

    private final FailurePolicy policy;
    private final PublishListener listener;
    private final int bufferSize;
    private final int bufferCount;
    private final UploadOptions uploadOptions;

    private PublishOptions(Builder b) {
        this.uploadOptions = b.uploadOptions;
        this.policy = b.policy;
        this.listener = b.listener;
        this.bufferSize = b.bufferSize;
        this.bufferCount = b.bufferCount;
    }

    /** {@return a builder with {@link FailurePolicy#ALL_OR_NOTHING}, no listener and the default ring} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@link FailurePolicy#ALL_OR_NOTHING}, no listener.
     *
     * @return options with {@link FailurePolicy#ALL_OR_NOTHING}
     */
    public static PublishOptions allOrNothing() {
        return builder().build();
    }

    /**
     * {@link FailurePolicy#BEST_EFFORT}, no listener.
     *
     * @return options with {@link FailurePolicy#BEST_EFFORT}
     */
    public static PublishOptions bestEffort() {
        return builder().policy(FailurePolicy.BEST_EFFORT).build();
    }

    /** {@return the failure policy} */
    public FailurePolicy policy() {
        return policy;
    }

    /** {@return the progress listener ({@link PublishListener#NONE} by default)} */
    public PublishListener listener() {
        return listener;
    }

    /** {@return bytes per buffer of the fan-out ring} */
    public int bufferSize() {
        return bufferSize;
    }

    /** {@return buffers in the fan-out ring: how far the source may run ahead of the slowest region} */
    public int bufferCount() {
        return bufferCount;
    }

    /**
     * {@return the disk-image inspection of the source, run once for every region: a replayable source before anything
     * is created, a one-shot source as it is read (default {@link UploadOptions#defaults()}, against the spec's
     * {@code disk_format})}
     */
    public UploadOptions uploadOptions() {
        return uploadOptions;
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder().policy(policy).listener(listener).bufferSize(bufferSize).bufferCount(bufferCount)
                .uploadOptions(uploadOptions);
    }

    @Override
    public String toString() {
        return "PublishOptions{" + policy + ", ring " + bufferCount + " x " + bufferSize + " bytes}";
    }

    /** Builds {@link PublishOptions}. */
    public static final class Builder {
        private FailurePolicy policy = FailurePolicy.ALL_OR_NOTHING;
        private PublishListener listener = PublishListener.NONE;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private int bufferCount = DEFAULT_BUFFER_COUNT;
        private UploadOptions uploadOptions = UploadOptions.defaults();

        private Builder() {
        }

        /**
         * The inspection of the source (default {@link UploadOptions#defaults()}); run once for all regions.
         *
         * @param options per-call upload options; not null
         * @return this builder
         */
        public Builder uploadOptions(UploadOptions options) {
            this.uploadOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The failure policy (default {@link FailurePolicy#ALL_OR_NOTHING}).
         *
         * @param policy what a failed region does to the others; not null
         * @return this builder
         */
        public Builder policy(FailurePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The progress listener (default none).
         *
         * @param listener receives each region's progress; not null ({@link PublishListener#NONE} for none)
         * @return this builder
         */
        public Builder listener(PublishListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Bytes per ring buffer (default 256 KiB).
         *
         * @param bytes bytes per buffer, from 1 KiB to 16 MiB
         * @return this builder
         * @throws InvalidInputException if below 1 KiB or above 16 MiB
         */
        public Builder bufferSize(int bytes) {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new InvalidInputException("bufferSize", bytes, "must be between 1 KiB and 16 MiB");
            }
            this.bufferSize = bytes;
            return this;
        }

        /**
         * Buffers in the ring (default 8).
         *
         * @param count the number of buffers, from 2 to 1024
         * @return this builder
         * @throws InvalidInputException if below 2 or above 1024
         */
        public Builder bufferCount(int count) {
            if (count < 2 || count > 1024) {
                throw new InvalidInputException("bufferCount", count, "must be between 2 and 1024");
            }
            this.bufferCount = count;
            return this;
        }

        /** {@return the options} */
        public PublishOptions build() {
            return new PublishOptions(this);
        }
    }
}
