package dev.imagesdk.examples;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeds 000-003 as a user: create, modify and delete private images, add and update their metadata, list
 * them with filters and pagination, show one, and protect it from deletion.
 *
 * <pre>
 *   ManageImages [--api v1|v2] [--keep]
 * </pre>
 *
 * {@code --keep} leaves the three images in place (the first one still protected).
 */
public final class ManageImages {

    /** The custom property that marks this example's images, so the listing finds only them. */
    static final String SET_PROPERTY = "example_set";
    static final String SET_VALUE = "manage-images";

    private ManageImages() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[0], ManageImages::manage));
    }

    static void manage(ExampleEnvironment env) {
        Console console = env.console();
        ImageService images = env.connect();
        console.line("Connected with image API " + images.apiVersion());
        List<String> created = new ArrayList<>();
        try {
            console.step("Create three private images with data");
            for (String name : List.of("cirros-demo-a", "cirros-demo-b", "cirros-demo-c")) {
                Image image = images.createAndUpload(ImageSpec.builder()
                                .name(name)
                                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                                .visibility(Visibility.PRIVATE)
                                .property(SET_PROPERTY, SET_VALUE)
                                .build(),
                        ImageData.fromBytes(SampleImage.small("image data of " + name)),
                        TransferListener.NONE);
                created.add(image.id());
                console.detail(image.name() + "  " + image.id() + "  " + image.status());
            }
            String id = created.get(0);

            console.step("Modify the first image: rename it, set minimum disk and RAM");
            Image modified = images.update(id, ImageUpdate.builder()
                    .name("cirros-demo-a (renamed)").minDisk(1).minRam(512).build());
            console.detail("name '" + modified.name() + "', min_disk " + modified.minDisk()
                    + " GB, min_ram " + modified.minRam() + " MB");

            console.step("Add metadata");
            images.update(id, ImageUpdate.builder()
                    .property(ImageProperties.osDistro("cirros"))
                    .property(ImageProperties.osVersion("0.6"))
                    .property("description", "a demo image")
                    .build());
            console.detail("os_distro=cirros, os_version=0.6, description=a demo image");

            console.step("Update metadata: change os_version, remove description");
            Image updated = images.update(id, ImageUpdate.builder()
                    .property(ImageProperties.osVersion("0.6.2"))
                    .removeProperty(ImageProperties.DESCRIPTION)
                    .build());
            console.detail("os_version=" + updated.property(ImageProperties.OS_VERSION).orElse("?")
                    + ", description " + (updated.property("description").isPresent() ? "still set" : "removed"));

            console.step("List active images with " + SET_PROPERTY + "=" + SET_VALUE + ", by name, 2 per page");
            ImageQuery query = ImageQuery.builder()
                    .status(ImageStatus.ACTIVE)
                    .property(SET_PROPERTY, SET_VALUE)
                    .sort(SortKey.NAME, SortDirection.ASC)
                    .pageSize(2)
                    .build();
            // The listing is lazy: the second page is requested only when the iteration reaches it.
            console.table(Table.list(images.list(query)));

            console.step("Show the first image");
            console.table(Table.of(images.get(id)));

            console.step("Protect the first image, then try to delete it");
            images.update(id, ImageUpdate.builder().isProtected(true).build());
            try {
                images.delete(id);
                console.detail("unexpected: the protected image was deleted");
            } catch (ForbiddenException e) {
                console.detail("refused as expected: HTTP " + e.statusCode() + " (protected)");
            }

            if (env.keep()) {
                console.step("Keep the images (--keep): " + String.join(", ", created));
                created.clear();
            } else {
                console.step("Unprotect the first image and delete all three");
                images.update(id, ImageUpdate.builder().isProtected(false).build());
            }
        } finally {
            for (String id : created) {
                images.find(id).ifPresent(i -> {
                    if (i.isProtected()) {
                        images.update(i.id(), ImageUpdate.builder().isProtected(false).build());
                    }
                    images.delete(i.id());
                    console.detail("deleted " + i.id());
                });
            }
        }
    }
}
