package dev.imagesdk.examples;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;

import java.nio.file.Path;

/**
 * A verified download to a file with a progress bar. The SDK checks the bytes against the image's
 * checksums while streaming, resumes with an HTTP {@code Range} request when the connection drops, and
 * moves the file into place only once everything verified.
 *
 * <pre>
 *   DownloadImage [--api v1|v2] [--image ID] [--to FILE] [--drop-at BYTES] [--size-mib N] [--keep]
 * </pre>
 *
 * Without {@code --image} it first uploads a generated sample of {@code --size-mib} MiB (64 by default) and
 * compares the download with it.
 * {@code --drop-at} (embedded fake only) makes the fake cut the connection once after that many bytes, to
 * show the resume. {@code --keep} keeps the uploaded image; the file stays only where {@code --to} put it.
 */
public final class DownloadImage {

    private DownloadImage() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[] {"image", "to", "drop-at", "size-mib"},
                DownloadImage::download));
    }

    static void download(ExampleEnvironment env) {
        Console console = env.console();
        ImageService images = env.connect();
        console.line("Connected with image API " + images.apiVersion());

        Path source = null;
        String id = env.option("image").orElse(null);
        if (id == null) {
            long size = env.option("size-mib").map(n -> parseCount("--size-mib", n) * 1024 * 1024)
                    .orElse(SampleImage.DEFAULT_SIZE);
            console.step("Upload a " + ProgressBar.mib(size) + " sample image to download");
            source = SampleImage.write(env.tempDir().resolve("sample.qcow2"), size, 8);
            ProgressBar up = console.progress("upload  ");
            Image uploaded = images.createAndUpload(ImageSpec.builder().name("download-demo")
                    .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).build(),
                    ImageData.fromPath(source), up);
            up.finish();
            id = uploaded.id();
            console.detail("image " + id + " is " + uploaded.status());
        }
        Path target = env.option("to").map(Path::of)
                .orElseGet(() -> env.tempDir().resolve("downloaded.qcow2")).toAbsolutePath();
        try {
            env.option("drop-at").ifPresent(bytes -> {
                FakeOnly.dropNextDownloadAt(env, bytes);
                console.detail("the embedded fake will cut the next download after " + bytes + " bytes");
            });

            console.step("Download image " + id + " to " + target.getFileName());
            ProgressBar bar = console.progress("download");
            DownloadResult result = images.download(id).listener(bar).toPath(target);
            bar.finish();
            console.detail(result.bytes() + " bytes, " + result.algorithm() + " verified"
                    + (result.resumes() > 0 ? ", resumed " + result.resumes() + " time(s) after a dropped connection"
                    : ""));

            if (source != null) {
                console.step("Compare the file with what was uploaded");
                SampleImage.Digests up = SampleImage.digests(source);
                SampleImage.Digests down = SampleImage.digests(target);
                if (!up.equals(down)) {
                    throw new ImageSdkClientException("The downloaded file differs from the uploaded one");
                }
                console.detail("identical (sha512 " + down.sha512().substring(0, 16) + "...)");
            }
        } finally {
            if (source != null && !env.keep()) {
                images.delete(id);
                console.detail("deleted image " + id);
            } else if (env.keep()) {
                console.step("Keep (--keep): image " + id
                        + (env.option("to").isPresent() ? ", file " + target : " (pass --to FILE to keep the file)"));
            }
        }
    }

    private static long parseCount(String flag, String value) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(flag, value, "must be a positive whole number");
    }

    /** Fault injection is a feature of the embedded fake, never of a real cloud. */
    private static final class FakeOnly {
        static void dropNextDownloadAt(ExampleEnvironment env, String bytes) {
            long offset = parseCount("--drop-at", bytes);
            env.fake().orElseThrow(() -> new InvalidInputException("--drop-at", bytes,
                    "works only on the embedded fake"))
                    .inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(offset));
        }
    }
}
