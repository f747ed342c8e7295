package dev.imagesdk.internal.regions;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.regions.FailurePolicy;
import dev.imagesdk.regions.PublishResult;
import dev.imagesdk.regions.RegionOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code protected} flag of a publication, applied last. A protected image cannot be deleted, so an image
 * created protected could not be rolled back after a failed upload or verification: the publication creates its
 * images without the flag ({@link #withoutProtection}) and {@link #apply} protects each published image once every
 * region's bytes were verified, one update per region in the regions' order.
 *
 * <p>If protecting fails in a region, that region fails: its image is unprotected (the update may have been
 * applied even though its answer was lost) and deleted. Under {@link FailurePolicy#ALL_OR_NOTHING} every other
 * region's image is unprotected if it was protected already and deleted too ({@code ROLLED_BACK}); under
 * {@link FailurePolicy#BEST_EFFORT} the others keep their protected image.
 *
 * <p>Interrupts: a protect is an ordinary metadata call, which an interrupt ends at once; that region fails (and,
 * the flag staying set, every region not protected yet), and the rollback runs as every failed upload's cleanup
 * does ({@link ImageCleanup#unprotect}, {@link ImageCleanup#delete}).
 */
public final class LateProtection {

    private static final ImageUpdate PROTECT = ImageUpdate.builder().isProtected(true).build();

    private LateProtection() {
    }

    /** {@return whether {@code spec} asks for a protected image} */
    public static boolean wanted(ImageSpec spec) {
        return Boolean.TRUE.equals(spec.isProtected());
    }

    /** {@return {@code spec} without the {@code protected} flag (the service's default, unprotected)} */
    public static ImageSpec withoutProtection(ImageSpec spec) {
        return spec.toBuilder().isProtected(null).build();
    }

    /**
     * Protects every image {@code published} reports published.
     *
     * @param services the services by region, as the publication had them
     * @param published the result of the publication of the unprotected spec
     * @return the result after protection: published images as the services report them protected, or the
     *         outcomes of the rollback if protecting failed somewhere
     */
    public static PublishResult apply(Map<String, ImageService> services, PublishResult published) {
        FailurePolicy policy = published.policy();
        Map<String, Image> protectedImages = new LinkedHashMap<>();
        Map<String, ImageSdkException> failures = new LinkedHashMap<>();
        for (RegionOutcome o : published.outcomes()) {
            if (!o.published()) {
                continue;
            }
            String imageId = o.imageId().orElseThrow();
            ImageService service = services.get(o.region());
            try {
                protectedImages.put(o.region(), service.update(imageId, PROTECT));
            } catch (RuntimeException e) {
                failures.put(o.region(), e instanceof ImageSdkException t ? t : new ImageSdkClientException(
                        "Protecting image " + o.imageId().orElseThrow() + " in " + o.region() + " failed: " + e, e));
                if (policy == FailurePolicy.ALL_OR_NOTHING) {
                    break; // the rest is deleted, unprotected
                }
            }
        }
        boolean rollBackAll = !failures.isEmpty() && policy == FailurePolicy.ALL_OR_NOTHING;
        List<RegionOutcome> outcomes = new ArrayList<>();
        for (RegionOutcome o : published.outcomes()) {
            String region = o.region();
            if (!o.published()) {
                outcomes.add(o);
                continue;
            }
            ImageSdkException failure = failures.get(region);
            if (failure == null && !rollBackAll) {
                outcomes.add(new RegionOutcome(region, RegionOutcome.Status.PUBLISHED,
                        Optional.of(protectedImages.get(region)), o.imageId(), Optional.empty(), false));
                continue;
            }
            // Protected, or protecting failed (the update may have been applied): unprotect before deleting.
            boolean mayBeProtected = failure != null || protectedImages.containsKey(region);
            ImageSdkException deleteFailure = delete(services.get(region), region, o.imageId().orElseThrow(),
                    mayBeProtected);
            ImageSdkException reported = failure != null ? failure : deleteFailure;
            if (failure != null && deleteFailure != null) {
                failure.addSuppressed(deleteFailure);
            }
            outcomes.add(new RegionOutcome(region, failure != null ? RegionOutcome.Status.FAILED
                    : RegionOutcome.Status.ROLLED_BACK, Optional.empty(), o.imageId(), Optional.ofNullable(reported),
                    deleteFailure != null));
        }
        return new PublishResult(policy, outcomes, published.bytes(), published.md5().orElse(null),
                published.sha512().orElse(null));
    }

    /**
     * Deletes one image, unprotecting it first if it may be protected, both as every failed upload's cleanup
     * ({@link ImageCleanup}: also after an interrupt, whose flag stays set; an image already gone is fine). Null if
     * the image is gone, else why it is (or may be) left behind.
     */
    private static ImageSdkException delete(ImageService service, String region, String imageId,
                                            boolean mayBeProtected) {
        // A failed unprotect does not stop the delete: the image may never have been protected.
        Optional<ImageSdkClientException> stillProtected = mayBeProtected ? ImageCleanup.unprotect(service, imageId)
                : Optional.empty();
        Optional<ImageSdkClientException> left = ImageCleanup.delete(service, imageId);
        if (left.isEmpty()) {
            return null;
        }
        ImageSdkClientException e = new ImageSdkClientException("Image " + imageId + " in " + region + ": "
                + left.get().getMessage() + (stillProtected.isEmpty() ? ""
                : " (it may be protected: unprotecting it failed too)"), left.get());
        stillProtected.ifPresent(e::addSuppressed);
        return e;
    }
}
