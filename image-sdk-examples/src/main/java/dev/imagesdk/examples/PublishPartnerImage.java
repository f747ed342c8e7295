package dev.imagesdk.examples;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.HpImageType;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLifecycle;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.model.ProfileReport;
import dev.imagesdk.model.Visibility;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Seed 004 end to end: inspect the image file, check it and its spec against the partner profile, upload it and
 * make it public, then deprecate and delete it.
 *
 * <pre>
 *   PublishPartnerImage [--api v1|v2] [--name NAME] [--file IMAGE.qcow2] [--keep]
 * </pre>
 *
 * Without {@code --file} it uploads a generated 64 MiB sample. {@code --keep} leaves the (public, deprecated)
 * image in place instead of deleting it. Making an image public needs the admin role (or the cloud's
 * permission to publish): on the embedded fake it runs as {@code admin}.
 */
public final class PublishPartnerImage {

    private PublishPartnerImage() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[] {"name", "file"},
                PublishPartnerImage::publish));
    }

    static void publish(ExampleEnvironment env) {
        Console console = env.console();
        ImageService images = env.connect("admin");
        console.line("Connected with image API " + images.apiVersion());

        Path file = env.option("file").map(Path::of).orElseGet(() ->
                SampleImage.write(env.tempDir().resolve("my_test_image.qcow2"), SampleImage.DEFAULT_SIZE, 4));

        // The seed's required attributes and property: bare, qcow2, architecture.
        ImageSpec spec = ImageSpec.builder()
                .name(env.option("name").orElse("My Custom Image"))
                .containerFormat(ContainerFormat.BARE)
                .diskFormat(DiskFormat.QCOW2)
                .property(ImageProperties.architecture(Architecture.X86_64))
                .build();

        // Before anything is created: what is the file in fact? The inspector reads its headers only.
        console.step("Inspect " + file.getFileName());
        DiskImageReport inspected = inspect(file);
        console.detail(inspected.format() + ", virtual size " + inspected.virtualSize().stream()
                .mapToObj(PublishPartnerImage::size).findFirst().orElse("unknown")
                + (inspected.isSafe() ? ", safe" : ", unsafe: " + inspected.findings())
                + " (" + size(inspected.bytesExamined()) + " of headers read)");

        console.step("Check '" + spec.name() + "' and its file against the partner-image profile");
        ProfileReport report = PartnerImageProfile.deploy().check(spec, inspected);
        report.throwIfViolated();
        console.detail("compliant: bare, qcow2 (declared and in fact), name of at most 72 ASCII characters, "
                + "architecture x86_64, safe file");

        console.step("Create the image");
        Image image = images.create(spec);
        console.detail("id " + image.id() + ", status " + image.status());
        try {
            publishCreated(env, images, image, file);
        } catch (ImageSdkException e) {
            if (!env.keep()) {
                images.find(image.id()).ifPresent(i -> images.delete(i.id()));
            }
            throw e;
        }
    }

    private static DiskImageReport inspect(Path file) {
        try {
            return DiskImageInspector.inspect(file);
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code 64 MiB}, {@code 10 GiB}, {@code 4 KiB} or a byte count when it is not a whole unit. */
    static String size(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= 1L << shifts[i] && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + " " + units[i];
            }
        }
        return bytes + " bytes";
    }

    private static void publishCreated(ExampleEnvironment env, ImageService images, Image image, Path file) {
        Console console = env.console();
        String id = image.id();

        console.step("Upload " + file.getFileName());
        ProgressBar bar = console.progress("upload");
        // The SDK inspects the file again before sending it; naming the expected format checks that too.
        images.upload(id, ImageData.fromPath(file), bar,
                UploadOptions.builder().expectedDiskFormat(DiskFormat.QCOW2).build());
        bar.finish();

        console.step("Verify the image is active and its checksums match the file");
        Image uploaded = images.get(id);
        SampleImage.Digests local = SampleImage.digests(file);
        if (!ImageStatus.ACTIVE.equals(uploaded.status())) {
            throw new ImageSdkClientException("Image " + id + " is " + uploaded.status() + ", not active");
        }
        if (!local.md5().equals(uploaded.checksum())
                || ("sha512".equals(uploaded.osHashAlgo()) && !local.sha512().equals(uploaded.osHashValue()))) {
            throw new ImageSdkClientException("Image " + id + " does not match " + file);
        }
        console.detail("active; md5 " + uploaded.checksum()
                + (uploaded.osHashAlgo() != null ? ", " + uploaded.osHashAlgo() + " matches too" : ""));

        console.step("Set the management-console properties");
        Image withConsole = images.update(id, ImageUpdate.builder()
                .property(ImageProperties.hpImageType(HpImageType.DISK))
                .property(ImageProperties.hpImageLifecycle(ImageLifecycle.ACTIVE))
                .property(ImageProperties.hpBootableVolume(true))
                .property(ImageProperties.hpOsDistro("org.debian"))
                .build());
        PartnerImageProfile.withConsoleProperties().check(withConsole).throwIfViolated();
        console.detail("com.hp__1__image_type=disk, com.hp__1__image_lifecycle=active, "
                + "com.hp__1__bootable_volume=true, com.hp__1__os_distro=org.debian");

        console.step("Make the image public");
        Image published = images.update(id, ImageUpdate.builder().visibility(Visibility.PUBLIC).build());
        console.detail("visibility " + published.visibility());

        console.step("Deprecate the image");
        Image deprecated = images.update(id, PartnerImageProfile.deprecate(published));
        console.detail("name '" + deprecated.name() + "', com.hp__1__image_lifecycle="
                + deprecated.property(ImageProperties.HP_IMAGE_LIFECYCLE).map(Object::toString).orElse(""));

        console.step("Show the image");
        console.table(Table.of(images.get(id)));

        if (env.keep()) {
            console.step("Keep the image (--keep): " + id);
        } else {
            console.step("Delete the image");
            images.delete(id);
            console.detail(images.find(id).isEmpty() ? "deleted: " + id + " is gone"
                    : "deleted: " + id + " is now " + images.get(id).status());
        }
    }
}
