package dev.imagesdk.examples;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageServices;
import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.regions.FailurePolicy;
import dev.imagesdk.regions.PublishListener;
import dev.imagesdk.regions.PublishOptions;
import dev.imagesdk.regions.PublishResult;
import dev.imagesdk.regions.RegionOutcome;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's publication in two regions at once: one read and one hashing of the file, streamed to both
 * regions ("Region A West 13.5 (region-a.geo-1)" and "Region B East 13.5 (region-b.geo-1)" on the embedded
 * fake), verified in each, then made public in both; all or nothing unless {@code --best-effort yes}.
 *
 * <pre>
 *   PublishToRegions [--api v1|v2] [--name NAME] [--file IMAGE.qcow2] [--best-effort yes] [--keep]
 *   PublishToRegions --regions region-a,region-b ...          (real cloud: OS_CLOUD or OS_* variables)
 * </pre>
 *
 * Progress is printed per region (every 10%). Without {@code --keep} the images are deleted at the end.
 * Making an image public needs the admin role: on the embedded fake it runs as {@code admin}.
 */
public final class PublishToRegions {

    /** Seed 004's two regions. */
    static final List<String> SEED_REGIONS = List.of("region-a.geo-1", "region-b.geo-1");

    private PublishToRegions() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[] {"name", "file", "regions", "best-effort"},
                SEED_REGIONS, PublishToRegions::publish));
    }

    static void publish(ExampleEnvironment env) {
        Console console = env.console();
        ImageServices regions = env.connectRegions("admin");
        console.line("Connected to " + regions.regions() + " with one token");

        Path file = env.option("file").map(Path::of).orElseGet(() ->
                SampleImage.write(env.tempDir().resolve("my_test_image.qcow2"), SampleImage.DEFAULT_SIZE, 4));
        ImageSpec spec = ImageSpec.builder()
                .name(env.option("name").orElse("My Custom Image"))
                .containerFormat(ContainerFormat.BARE)
                .diskFormat(DiskFormat.QCOW2)
                .property(ImageProperties.architecture(Architecture.X86_64))
                .build();

        console.step("Check '" + spec.name() + "' against the partner-image profile");
        PartnerImageProfile.deploy().check(spec).throwIfViolated();
        console.detail("compliant");

        FailurePolicy policy = env.option("best-effort").filter("yes"::equals).isPresent()
                ? FailurePolicy.BEST_EFFORT : FailurePolicy.ALL_OR_NOTHING;
        console.step("Publish " + file.getFileName() + " to " + regions.regions() + " (" + policy
                + "): one read, one hashing pass");
        Map<String, ProgressBar> bars = new LinkedHashMap<>();
        for (String region : regions.regions()) {
            // Plain lines (one per 10%), never the redrawn bar: several regions share the console.
            bars.put(region, new ProgressBar(console.out(), false, region));
        }
        PublishListener progress = new PublishListener() {
            @Override
            public void onRegionProgress(String region, long bytesSent, long totalBytes) {
                bars.get(region).onProgress(bytesSent, totalBytes);
            }
        };
        PublishResult result = regions.publish(spec, ImageData.fromPath(file),
                PublishOptions.builder().policy(policy).listener(progress).build());
        bars.values().forEach(ProgressBar::finish);
        for (RegionOutcome o : result.outcomes()) {
            console.detail(o.region() + ": " + o.status() + o.imageId().map(id -> ", image " + id).orElse("")
                    + o.failure().map(f -> " (" + f.getMessage() + ")").orElse(""));
        }
        console.detail("read " + result.bytes() + " bytes once; md5 " + result.md5().orElse("-"));
        result.throwIfFailed();

        try {
            console.step("Make the image public in every region");
            for (RegionOutcome o : result.outcomes()) {
                Image published = regions.get(o.region()).update(o.imageId().orElseThrow(),
                        ImageUpdate.builder().visibility(dev.imagesdk.model.Visibility.PUBLIC).build());
                console.detail(o.region() + ": " + published.id() + " visibility " + published.visibility()
                        + ", checksum " + published.checksum());
            }
        } finally {
            if (env.keep()) {
                console.step("Keep the images (--keep)");
            } else {
                console.step("Delete the images");
                for (RegionOutcome o : result.outcomes()) {
                    o.imageId().ifPresent(id -> regions.get(o.region()).delete(id));
                    console.detail(o.region() + ": deleted " + o.imageId().orElse("-"));
                }
            }
        }
    }
}
