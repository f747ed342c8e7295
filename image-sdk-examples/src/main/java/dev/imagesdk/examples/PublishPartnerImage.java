package dev.imagesdk.examples;

import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.model.ProfileReport;

/**
 * The partner-image workflow of seed 004. This first version checks the image against the partner-image
 * profile and shows the deprecation intent; upload, publish and delete join it as the clients land.
 */
public final class PublishPartnerImage {

    private PublishPartnerImage() {
    }

    public static void main(String[] args) {
        ImageSpec spec = ImageSpec.builder()
                .name("My Custom Image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                .property(ImageProperties.architecture(Architecture.X86_64))
                .build();
        System.out.println("Checking " + spec.name() + " against the partner-image profile (seed 004)");
        ProfileReport report = PartnerImageProfile.deploy().check(spec);
        System.out.println("  profile: " + report);
        report.throwIfViolated();
        Image image = Image.builder().id("00000000-0000-4000-8000-000000000000").name(spec.name()).build();
        ImageUpdate deprecation = PartnerImageProfile.deprecate(image);
        System.out.println("  deprecation would send: " + deprecation);
    }
}
