package dev.imagesdk;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.regions.LateProtection;
import dev.imagesdk.internal.regions.Publication;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.regions.ImageCopy;
import dev.imagesdk.regions.PublishOptions;
import dev.imagesdk.regions.PublishResult;
import dev.imagesdk.regions.RegionOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several image services addressed by a name: the regions of one cloud (from
 * {@link ImageServiceBuilder#buildForRegions(String...)}: one configuration, one Keystone token and one token
 * refresh for all of them), or services of different clouds put together with {@link #of(Map)}.
 *
 * <pre>{@code
 * try (ImageServices regions = ImageService.builder().fromEnvironment().buildForRegions("region-a", "region-b")) {
 *     PublishResult result = regions.publish(spec, ImageData.fromPath(file), PublishOptions.allOrNothing());
 *     result.throwIfFailed();
 *     Image inA = result.outcome("region-a").image().orElseThrow();
 * }
 * }</pre>
 *
 * <p>Thread-safe (each service is). {@link #close()} closes every service.
 */
public final class ImageServices implements AutoCloseable {

    private final Map<String, ImageService> services;

    private ImageServices(Map<String, ImageService> services) {
        this.services = services;
    }

    /**
     * Groups services under names (a region, a cloud), in the map's iteration order. The group owns them:
     * {@link #close()} closes each.
     *
     * @param services the services by name; not null, not empty, no blank name or null service
     * @return the group
     * @throws InvalidInputException if the map is empty, or a name is blank or a service null
     */
    public static ImageServices of(Map<String, ? extends ImageService> services) {
        Objects.requireNonNull(services, "services");
        if (services.isEmpty()) {
            throw new InvalidInputException("services", "{}", "at least one service is needed");
        }
        Map<String, ImageService> copy = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("services", name, "a service name must not be blank");
            }
            if (service == null) {
                throw new InvalidInputException("services", name, "the service of this name is null");
            }
            copy.put(name, service);
        });
        return new ImageServices(copy);
    }

    /** {@return the names (regions), in the order they were given} */
    public List<String> regions() {
        return List.copyOf(services.keySet());
    }

    /**
     * {@return the service of one region (or name)}
     *
     * @param region the region (or name) as given to {@link #of} or {@code buildForRegions}
     * @throws InvalidInputException naming {@code region} and listing the known ones if there is none
     */
    public ImageService get(String region) {
        ImageService s = services.get(region);
        if (s == null) {
            throw new InvalidInputException("region", region, "not one of " + services.keySet());
        }
        return s;
    }

    /** {@return every service by name, in order (unmodifiable)} */
    public Map<String, ImageService> asMap() {
        return java.util.Collections.unmodifiableMap(services);
    }

    /**
     * Creates the image in every region and uploads the same bytes to all of them from one read of
     * {@code data} and one MD5 + SHA-512 pass: memory stays bounded (a ring of buffers shared by all regions;
     * the slowest region paces the others), and each region's {@code checksum} and {@code os_hash_value} are
     * compared with that one digest. What happens on a failure is the options' {@link PublishOptions#policy()}:
     * {@code ALL_OR_NOTHING} deletes every image this call created as soon as one region fails,
     * {@code BEST_EFFORT} keeps the regions that succeeded and deletes only the failed regions' images. Works
     * with v1 and v2 services alike. A one-shot {@code data} is fine: it is read once either way.
     *
     * <p>The disk-image inspection ({@link PublishOptions#uploadOptions()}, against the spec's {@code disk_format})
     * runs once for all regions: a replayable source is inspected before anything is created, a one-shot source
     * as it is read (a refusal then fails every region, whose images are deleted, with the typed refusal).
     *
     * <p>An interrupt of the calling thread ends every region's upload at once (a region blocked on a stalled
     * service drops its connection), then the images this call created are deleted as after any failed upload,
     * also one whose creation was still under way when the interrupt came (a create is waited for, bounded by the
     * service's call timeout; each delete runs without the interrupt flag and is waited for up to 30 s, or until
     * a second interrupt, after which a region whose delete did not finish is reported
     * {@link RegionOutcome#leftBehind()}). The result reports the regions failed or rolled back, and the thread's
     * interrupt flag is set when this method returns.
     *
     * <p>A spec with {@code protected} set to {@code true}: the images are created unprotected and each is
     * protected (an update per region) only after every region's bytes were verified, because a protected image
     * cannot be deleted and so could not be rolled back. A region whose protection fails is a failed region (its
     * image is unprotected and deleted); under {@code ALL_OR_NOTHING} every other region's image is then unprotected
     * and deleted too; an interrupt while protecting does the same as an interrupt during the upload. Until then
     * the images are not protected. Every other attribute of the spec (visibility,
     * {@code os_hidden}) is set by each region's create: a value a region refuses fails that region before any byte
     * is sent to it.
     *
     * @param spec the attributes of the image created in every region; not null
     * @param data the image bytes, read once for all regions; not null
     * @param options the failure policy, listener, ring size and inspection; not null
     * @return the outcome per region (never throws for a region's failure: see
     *         {@link PublishResult#throwIfFailed()})
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if a replayable source's content contradicts
     *         the spec's {@code disk_format} (nothing is created)
     * @throws dev.imagesdk.exception.UnsafeImageException if a replayable source's image is unsafe (nothing is
     *         created)
     * @throws InvalidInputException if an argument is null
     * @throws dev.imagesdk.exception.ImageSdkClientException if the source cannot be opened (nothing is
     *         created then)
     */
    public PublishResult publish(ImageSpec spec, ImageData data, PublishOptions options) {
        if (spec == null || data == null || options == null) {
            throw new InvalidInputException(spec == null ? "spec" : data == null ? "data" : "options", null,
                    "must not be null");
        }
        if (LateProtection.wanted(spec)) {
            PublishResult unprotected = new Publication(services, LateProtection.withoutProtection(spec), data,
                    options).run();
            return LateProtection.apply(services, unprotected);
        }
        return new Publication(services, spec, data, options).run();
    }

    /**
     * Copies an image from another service (another region or cloud) to every service of this group, without a
     * local file: the source's data is streamed once ({@link ImageDownload#openStream()}: resumed with
     * {@code Range} after a dropped connection, verified against the source's {@code os_hash_value} or
     * {@code checksum} at its end) into {@link #publish}, which verifies every target against the same bytes.
     * A source that fails verification fails every target, whose images are deleted (neither policy keeps an
     * image of bytes that did not verify). The copy carries {@link ImageCopy#specOf(Image)}: name, formats,
     * {@code min_*}, tags and custom properties, but not visibility, protection or hiding (the target owner's
     * decisions); {@link #copy(ImageService, String, java.util.function.Function, PublishOptions)} with
     * {@link ImageCopy#from} chooses otherwise.
     *
     * @param source the service holding the image (another region or cloud); not null
     * @param imageId the id of the image in {@code source}; not null
     * @param options the failure policy, listener, ring size and inspection; not null
     * @return the outcome per target, as {@link #publish}
     * @throws dev.imagesdk.exception.NotFoundException if the source image does not exist
     * @throws dev.imagesdk.exception.ImageSdkClientException if the source image is not active
     */
    public PublishResult copy(ImageService source, String imageId, PublishOptions options) {
        return copy(source, imageId, ImageCopy::specOf, options);
    }

    /**
     * {@link #copy(ImageService, String, PublishOptions)} with the metadata chosen by {@code spec} from the source
     * image (e.g. {@code image -> ImageCopy.specOf(image, name -> !name.startsWith("hp_"))}, or
     * {@code image -> ImageCopy.from(image).keepVisibility().keepProtection().keepHidden().spec()} to carry what the
     * default leaves to the target's owner). A {@code protected} copy is protected only after every target verified
     * its bytes, so that a failure can still delete it ({@link #publish}); a visibility or {@code os_hidden} a
     * target cannot take (API v1: {@code community}, {@code os_hidden}) fails that target's create with an
     * {@link InvalidInputException} naming the field, before any byte is sent to it.
     *
     * @param source the service holding the image (another region or cloud); not null
     * @param imageId the id of the image in {@code source}; not null
     * @param spec makes the copies' attributes from the source image; not null
     * @param options the failure policy, listener, ring size and inspection; not null
     * @return the outcome per target, as {@link #publish}
     * @throws dev.imagesdk.exception.NotFoundException if the source image does not exist
     * @throws dev.imagesdk.exception.ImageSdkClientException if the source image is not active
     * @throws InvalidInputException if an argument is null, or {@code spec} throws it (nothing is created then)
     */
    public PublishResult copy(ImageService source, String imageId,
                              java.util.function.Function<dev.imagesdk.model.Image, ImageSpec> spec,
                              PublishOptions options) {
        if (source == null || imageId == null || spec == null || options == null) {
            throw new InvalidInputException(source == null ? "source" : imageId == null ? "imageId"
                    : spec == null ? "spec" : "options", null, "must not be null");
        }
        dev.imagesdk.model.Image image = source.get(imageId);
        if (!image.isActive()) {
            throw new dev.imagesdk.exception.ImageSdkClientException("Image " + imageId + " is " + image.status()
                    + ", not active: it has no data to copy");
        }
        ImageSpec targetSpec = spec.apply(image);
        java.io.InputStream stream = source.download(imageId).openStream();
        return publish(targetSpec, ImageData.fromStream(stream, image.size() == null ? -1 : image.size()), options);
    }

    /** Closes every service (each close never throws). Idempotent. */
    @Override
    public void close() {
        List<ImageService> all = new ArrayList<>(services.values());
        for (ImageService s : all) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "ImageServices" + services;
    }
}
