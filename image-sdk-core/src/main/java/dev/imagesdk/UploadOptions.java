package dev.imagesdk;

import dev.imagesdk.model.DiskFormat;

import java.util.Objects;
import java.util.Optional;

/**
 * Per-call overrides for an upload ({@code createAndUpload}, {@code upload}, and in API v2 {@code uploadToStore},
 * {@code stage} and {@code createAndImport}): today, the disk-image inspection the SDK runs before the bytes
 * leave. Immutable and thread-safe; {@link #defaults()} is what the methods without options use.
 *
 * <p><b>What is checked by default.</b> The SDK reads the image's headers with
 * {@link dev.imagesdk.inspect.DiskImageInspector} and refuses the upload when
 * <ul>
 * <li>the content contradicts the declared {@code disk_format}
 *     ({@link dev.imagesdk.inspect.DiskImageReport#contradicts}), e.g. a raw file declared {@code qcow2}:
 *     {@link dev.imagesdk.exception.DiskFormatMismatchException}; switched off by
 *     {@link Builder#verifyDiskFormat(boolean) verifyDiskFormat(false)}. Checked only for a {@code bare} (or
 *     absent, {@code ami}, {@code ari}, {@code aki}) container format: an {@code ova}, {@code docker} or
 *     {@code compressed} container wraps the disk in another layout;</li>
 * <li>the image is unsafe (a backing file, an external data file, unknown qcow2 features, a vmdk naming other
 *     files, a damaged header, see {@link dev.imagesdk.inspect.Finding.Kind}):
 *     {@link dev.imagesdk.exception.UnsafeImageException}; switched off by
 *     {@link Builder#allowUnsafe(boolean) allowUnsafe(true)}.</li>
 * </ul>
 * When both apply, the {@code UnsafeImageException} is thrown with the mismatch attached as suppressed.
 *
 * <p><b>When.</b> A replayable source ({@link ImageData#fromPath}, {@link ImageData#fromSupplier},
 * {@link ImageData#fromBytes}) is inspected before the first request (for a create-and-upload, before the
 * image is created), so a refused image leaves nothing on the service. It is opened once more for this and
 * read only as far as its headers (at most 64 MiB + 64 KiB, mostly skipped). A one-shot source
 * ({@link ImageData#fromStream}) is inspected as it passes: a bad verdict aborts the upload (the connection is
 * dropped before the body is complete), and a create-and-upload then deletes the image it created.
 *
 * <p><b>Which format is declared.</b> For a create, the spec's {@code disk_format}; when the spec has none (v2
 * allows it), only safety is checked. {@code upload} and {@code stage} of an existing image do not read the image
 * first (no extra request): they check the format only against {@link Builder#expectedDiskFormat}, and safety
 * always.
 */
public final class UploadOptions {

    private static final UploadOptions DEFAULTS = builder().build();

    private final boolean verifyDiskFormat;
    private final boolean allowUnsafe;
    private final DiskFormat expectedDiskFormat;

    private UploadOptions(Builder b) {
        this.verifyDiskFormat = b.verifyDiskFormat;
        this.allowUnsafe = b.allowUnsafe;
        this.expectedDiskFormat = b.expectedDiskFormat;
    }

    /** {@return the defaults: the declared format is verified, unsafe images are refused, no expected format} */
    public static UploadOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.verifyDiskFormat = verifyDiskFormat;
        b.allowUnsafe = allowUnsafe;
        b.expectedDiskFormat = expectedDiskFormat;
        return b;
    }

    /** {@return whether a content that contradicts the declared {@code disk_format} is refused (default true)} */
    public boolean verifyDiskFormat() {
        return verifyDiskFormat;
    }

    /** {@return whether an image with safety findings may be uploaded anyway (default false)} */
    public boolean allowUnsafe() {
        return allowUnsafe;
    }

    /**
     * {@return the format the caller declares for an {@code upload}/{@code stage} of an existing image, checked against
     * the content; empty by default} A create checks the spec's {@code disk_format} and ignores this.
     */
    public Optional<DiskFormat> expectedDiskFormat() {
        return Optional.ofNullable(expectedDiskFormat);
    }

    /** {@return {@code true} when neither check runs, so the source is not inspected at all} */
    public boolean inspectionOff() {
        return !verifyDiskFormat && allowUnsafe;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UploadOptions u && u.verifyDiskFormat == verifyDiskFormat && u.allowUnsafe == allowUnsafe
                && Objects.equals(u.expectedDiskFormat, expectedDiskFormat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verifyDiskFormat, allowUnsafe, expectedDiskFormat);
    }

    @Override
    public String toString() {
        return "UploadOptions[verifyDiskFormat=" + verifyDiskFormat + ", allowUnsafe=" + allowUnsafe
                + (expectedDiskFormat == null ? "" : ", expectedDiskFormat=" + expectedDiskFormat) + "]";
    }

    /** Builds {@link UploadOptions}; not thread-safe. */
    public static final class Builder {
        private boolean verifyDiskFormat = true;
        private boolean allowUnsafe;
        private DiskFormat expectedDiskFormat;

        private Builder() {
        }

        /**
         * {@code false} uploads content whatever {@code disk_format} is declared for it.
         *
         * @param verify {@code true} (default) to refuse content that contradicts the declared {@code disk_format}
         * @return this builder
         */
        public Builder verifyDiskFormat(boolean verify) {
            this.verifyDiskFormat = verify;
            return this;
        }

        /**
         * {@code true} uploads an image even when the inspector reports safety findings.
         *
         * @param allow {@code true} to upload despite safety findings; {@code false} (default) refuses them
         * @return this builder
         */
        public Builder allowUnsafe(boolean allow) {
            this.allowUnsafe = allow;
            return this;
        }

        /**
         * The format an existing image was created with, for {@code upload}/{@code stage} to check the content
         * against (null for none).
         *
         * @param format the declared format, or null to check nothing
         * @return this builder
         */
        public Builder expectedDiskFormat(DiskFormat format) {
            this.expectedDiskFormat = format;
            return this;
        }

        /** {@return the options} */
        public UploadOptions build() {
            return new UploadOptions(this);
        }
    }
}
