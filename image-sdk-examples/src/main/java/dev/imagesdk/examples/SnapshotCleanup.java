package dev.imagesdk.examples;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.HpImageType;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLifecycle;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.PartnerImageProfile;

import java.util.Optional;

/**
 * Seed 004's snapshot section: a snapshot taken from a server carries the server's properties; before it is
 * published they are purged ({@code glance image-update --purge-props}), keeping only the license property
 * {@code hp_image_license}, and then the partner-image properties are added.
 *
 * <pre>
 *   SnapshotCleanup [--api v1|v2] [--image SNAPSHOT_ID] [--keep]
 * </pre>
 *
 * Without {@code --image} it creates a stand-in snapshot with the properties Nova sets. {@code --keep} keeps
 * the stand-in (an image given with {@code --image} is never deleted).
 */
public final class SnapshotCleanup {

    private SnapshotCleanup() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[] {"image"}, SnapshotCleanup::cleanUp));
    }

    static void cleanUp(ExampleEnvironment env) {
        Console console = env.console();
        ImageService images = env.connect();
        console.line("Connected with image API " + images.apiVersion());

        String id = env.option("image").orElse(null);
        boolean standIn = id == null;
        if (standIn) {
            console.step("Create a stand-in snapshot (what 'nova image-create' leaves behind)");
            id = images.createAndUpload(ImageSpec.builder()
                            .name("my-server-snapshot")
                            .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                            .property("image_type", "snapshot")
                            .property("instance_uuid", "7a8d0d3e-2f0c-4f55-9e67-3c0f8a1f5b21")
                            .property("base_image_ref", "2ffc3a4c-8272-478f-a5a8-0067c0012e33")
                            .property("image_location", "snapshot")
                            .property("user_id", "10293847561029")
                            .property(ImageProperties.HP_IMAGE_LICENSE.value("1002"))
                            .build(),
                    ImageData.fromBytes(SampleImage.small("snapshot data")), TransferListener.NONE)
                    .id();
        }
        try {
            Image snapshot = images.get(id);
            console.detail(snapshot.name() + "  " + id + "  properties: " + snapshot.properties().keySet());

            console.step("Purge the properties, keeping the license property " + ImageProperties.HP_IMAGE_LICENSE.name());
            Optional<String> license = snapshot.property(ImageProperties.HP_IMAGE_LICENSE);
            ImageUpdate.Builder purge = ImageUpdate.builder().replaceAllProperties();
            license.ifPresent(l -> purge.property(ImageProperties.HP_IMAGE_LICENSE.value(l)));
            Image purged = images.update(id, purge.build());
            console.detail("left: " + purged.properties());

            console.step("Add the required properties (architecture and the management-console ones)");
            Image ready = images.update(id, ImageUpdate.builder()
                    .property(ImageProperties.architecture(Architecture.X86_64))
                    .property(ImageProperties.hpImageType(HpImageType.DISK))
                    .property(ImageProperties.hpImageLifecycle(ImageLifecycle.ACTIVE))
                    .property(ImageProperties.hpBootableVolume(true))
                    .property(ImageProperties.hpOsDistro("org.debian"))
                    .build());
            var report = PartnerImageProfile.withConsoleProperties().check(ready);
            console.detail(report.isCompliant() ? "the image now meets the partner-image profile"
                    : "still to fix before publishing: " + report.violations());

            console.step("Show the image");
            console.table(Table.of(ready));
        } finally {
            if (standIn && !env.keep()) {
                images.delete(id);
                console.detail("deleted the stand-in snapshot " + id);
            } else if (standIn) {
                console.step("Keep the stand-in snapshot (--keep): " + id);
            }
        }
    }
}
