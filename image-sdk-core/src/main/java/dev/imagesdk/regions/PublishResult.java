package dev.imagesdk.regions;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link dev.imagesdk.ImageServices#publish}: one {@link RegionOutcome} per region, in the
 * regions' order, and the digest of the bytes read from the source (each published region's checksums equal
 * it). Immutable.
 */
public final class PublishResult {

    private final FailurePolicy policy;
    private final Map<String, RegionOutcome> outcomes;
    private final long bytes;
    private final String md5;
    private final String sha512;

    /**
     * A publication's result, as {@code ImageServices.publish} and {@code copy} make it.
     *
     * @param policy the failure policy the publication ran with
     * @param outcomes every region's outcome, in the regions' order
     * @param bytes how many bytes were read from the source
     * @param md5 hex MD5 of the bytes read, or null when the source was not read to its end
     * @param sha512 hex SHA-512 of the bytes read, or null when the source was not read to its end
     */
    public PublishResult(FailurePolicy policy, List<RegionOutcome> outcomes, long bytes, String md5, String sha512) {
        this.policy = policy;
        Map<String, RegionOutcome> m = new LinkedHashMap<>();
        for (RegionOutcome o : outcomes) {
            m.put(o.region(), o);
        }
        this.outcomes = java.util.Collections.unmodifiableMap(m);
        this.bytes = bytes;
        this.md5 = md5;
        this.sha512 = sha512;
    }

    /** {@return the policy the publication ran with} */
    public FailurePolicy policy() {
        return policy;
    }

    /** {@return every region's outcome, in the regions' order} */
    public List<RegionOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    /**
     * {@return one region's outcome}
     *
     * @param region one of the regions (or names) published to
     * @throws InvalidInputException if the region was not part of the publication
     */
    public RegionOutcome outcome(String region) {
        RegionOutcome o = outcomes.get(region);
        if (o == null) {
            throw new InvalidInputException("region", region, "not one of " + outcomes.keySet());
        }
        return o;
    }

    /** {@return {@code true} if every region published the image} */
    public boolean allPublished() {
        return outcomes.values().stream().allMatch(RegionOutcome::published);
    }

    /** {@return the regions that failed themselves (not those rolled back because of another), in order} */
    public List<String> failedRegions() {
        List<String> out = new ArrayList<>();
        outcomes.values().stream().filter(o -> o.status() == RegionOutcome.Status.FAILED)
                .forEach(o -> out.add(o.region()));
        return out;
    }

    /** {@return the regions where the image is published, in order} */
    public List<String> publishedRegions() {
        List<String> out = new ArrayList<>();
        outcomes.values().stream().filter(RegionOutcome::published).forEach(o -> out.add(o.region()));
        return out;
    }

    /** {@return bytes read from the source (once, whatever the number of regions)} */
    public long bytes() {
        return bytes;
    }

    /** {@return hex MD5 of the source's bytes, when it was read to its end} */
    public java.util.Optional<String> md5() {
        return java.util.Optional.ofNullable(md5);
    }

    /** {@return hex SHA-512 of the source's bytes, when it was read to its end} */
    public java.util.Optional<String> sha512() {
        return java.util.Optional.ofNullable(sha512);
    }

    /**
     * Throws if any region did not publish the image.
     *
     * @throws ImageSdkClientException naming every failed region and its cause (the first failure is the
     *         cause, the others are suppressed)
     */
    public void throwIfFailed() {
        if (allPublished()) {
            return;
        }
        StringBuilder msg = new StringBuilder("Publishing to " + outcomes.keySet() + " (" + policy + ") failed:");
        Throwable first = null;
        List<Throwable> more = new ArrayList<>();
        for (RegionOutcome o : outcomes.values()) {
            if (o.published()) {
                continue;
            }
            msg.append(' ').append(o.region()).append(' ').append(o.status());
            if (o.failure().isPresent()) {
                msg.append(" (").append(o.failure().get().getMessage()).append(')');
                if (first == null) {
                    first = o.failure().get();
                } else {
                    more.add(o.failure().get());
                }
            }
            msg.append(';');
        }
        ImageSdkClientException e = new ImageSdkClientException(msg.toString(), first);
        more.forEach(e::addSuppressed);
        throw e;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PublishResult{").append(policy).append(", ").append(bytes)
                .append(" bytes");
        outcomes.values().forEach(o -> sb.append(", ").append(o.region()).append('=').append(o.status()));
        return sb.append('}').toString();
    }
}
