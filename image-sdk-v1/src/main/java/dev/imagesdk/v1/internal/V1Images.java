package dev.imagesdk.v1.internal;

import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.StatusWaiter;
import dev.imagesdk.internal.http.PathSegment;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.model.Visibility;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Glance v1's images resource ({@code /v1/images}): create (plain, copy-from, external location), read
 * ({@code HEAD}), list (detail and summaries, marker paged), update (removing a property re-sends all the
 * others with purge-props), delete (a 404 on a retry succeeded earlier), and waiting for a status. Also the
 * path and argument helpers the other v1 resource classes share.
 */
final class V1Images {

    static final String IMAGES = "images";

    private final V1Http http;
    private final Duration firstPoll;
    private final Duration maxPoll;

    V1Images(V1Http http, Duration firstPoll, Duration maxPoll) {
        this.http = http;
        this.firstPoll = firstPoll;
        this.maxPoll = maxPoll;
    }

    // ---- create -------------------------------------------------------------------------------------

    Image create(ImageSpec spec) {
        requireNonNull("spec", spec);
        String id = idFor(spec);
        try {
            return post(spec, V1HeaderCodec.CreateExtras.id(id));
        } catch (ConflictException e) {
            if (spec.id().isPresent()) {
                throw e; // the caller's id is taken
            }
            // Our random id can only clash with our own earlier attempt that the service did complete
            // (its answer was lost and the call retried): that image is the one we created.
            return get(id);
        }
    }

    Image createCopyFrom(ImageSpec spec, URI source) {
        requireNonNull("source", source);
        return post(spec, new V1HeaderCodec.CreateExtras(idFor(spec), null, null, source.toString(), null));
    }

    Image createWithLocation(ImageSpec spec, URI location, String expectedMd5) {
        requireNonNull("location", location);
        return post(spec, new V1HeaderCodec.CreateExtras(idFor(spec), null, md5(expectedMd5), null,
                location.toString()));
    }

    private Image post(ImageSpec spec, V1HeaderCodec.CreateExtras extras) {
        requireNonNull("spec", spec);
        V1Response r = http.send(new V1Request("POST", IMAGES, V1HeaderCodec.forCreate(spec, extras), null));
        return V1Json.image(r.body());
    }

    // ---- read ---------------------------------------------------------------------------------------

    Image get(String imageId) {
        V1Response r = http.send(V1Request.of("HEAD", imagePath(imageId)));
        return V1HeaderCodec.decode(r.headers());
    }

    PagedIterable<Image> list(ImageQuery query) {
        return list(query, IMAGES + "/detail");
    }

    PagedIterable<Image> listSummaries(ImageQuery query) {
        return list(query, IMAGES);
    }

    private PagedIterable<Image> list(ImageQuery query, String path) {
        requireNonNull("query", query);
        Map<String, String> params = V1QueryEncoder.parameters(query); // refuses v2-only filters now
        String start = query.marker().orElse(null);
        long limit = query.limit().orElse(-1);
        if (query.pageSize().isPresent()) { // the encoder sent it as limit
            return V1Pager.paged(marker -> page(path, params, marker != null ? marker : start, null), limit);
        }
        return V1Pager.growing((marker, size) -> page(path, params, marker != null ? marker : start, size), limit);
    }

    /** One {@code GET} of a list page: the query's parameters, {@code limit} if given, then the marker. */
    private List<Image> page(String path, Map<String, String> params, String marker, Integer limit) {
        Map<String, String> p = new LinkedHashMap<>(params);
        if (limit != null) {
            p.put("limit", limit.toString());
        }
        if (marker != null) {
            p.put("marker", marker);
        }
        String q = V1QueryEncoder.queryString(p);
        return V1Json.images(http.send(V1Request.of("GET", q.isEmpty() ? path : path + "?" + q)).body());
    }

    // ---- update -------------------------------------------------------------------------------------

    Image update(String imageId, ImageUpdate update) {
        requireNonNull("update", update);
        String path = imagePath(imageId);
        ImageUpdate effective = update.removeProperties().isEmpty() ? update : asReplaceAll(get(imageId), update);
        V1Response r = http.send(new V1Request("PUT", path, V1HeaderCodec.forUpdate(effective), null));
        return V1Json.image(r.body());
    }

    /** v1 removes single properties only by re-sending all the others with purge-props true. */
    private static ImageUpdate asReplaceAll(Image current, ImageUpdate u) {
        ImageUpdate.Builder b = ImageUpdate.builder();
        u.name().ifPresent(b::name);
        u.visibility().ifPresent(b::visibility);
        u.isProtected().ifPresent(b::isProtected);
        u.osHidden().ifPresent(b::osHidden);
        u.minDisk().ifPresent(b::minDisk);
        u.minRam().ifPresent(b::minRam);
        u.diskFormat().ifPresent(b::diskFormat);
        u.containerFormat().ifPresent(b::containerFormat);
        u.replaceTags().ifPresent(b::replaceTags);
        u.addTags().forEach(b::addTag);
        u.removeTags().forEach(b::removeTag);
        for (String name : u.removeProperties()) {
            if (!current.properties().containsKey(name)) {
                throw new InvalidInputException("property name", name, "cannot be removed: image " + current.id()
                        + " has no such property");
            }
        }
        current.properties().forEach((k, v) -> {
            if (!u.removeProperties().contains(k) && !u.setProperties().containsKey(k)) {
                b.property(k, v);
            }
        });
        u.setProperties().forEach(b::property);
        return b.replaceAllProperties().build();
    }

    Image makePublic(String imageId) {
        return update(imageId, ImageUpdate.builder().visibility(Visibility.PUBLIC).build());
    }

    Image deprecate(String imageId) {
        return update(imageId, PartnerImageProfile.deprecate(get(imageId)));
    }

    void delete(String imageId) {
        http.send(V1Request.of("DELETE", imagePath(imageId)).treatingNotFoundOnRetryAsSuccess());
    }

    // ---- waiting ------------------------------------------------------------------------------------

    Image waitForStatus(String imageId, ImageStatus status, Duration timeout) {
        requireNonNull("status", status);
        requireNonNull("timeout", timeout);
        return new StatusWaiter(firstPoll, maxPoll, Sleeper.SYSTEM, System::nanoTime)
                .await(imageId, status, timeout, this::get);
    }

    // ---- helpers shared by the v1 resource classes ---------------------------------------------------

    static String idFor(ImageSpec spec) {
        return spec.id().orElseGet(() -> UUID.randomUUID().toString());
    }

    static String md5(String hex) {
        if (hex == null) {
            return null;
        }
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw new InvalidInputException("expected MD5", hex, "must be 32 hex digits");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    static String imagePath(String imageId) {
        return IMAGES + "/" + segment("image id", imageId);
    }

    /** A caller's value as exactly one path segment: {@link PathSegment}, the SDK's one encoder for paths. */
    static String segment(String field, String value) {
        return PathSegment.encode(field, value);
    }

    static void requireNonNull(String field, Object value) {
        if (value == null) {
            throw new InvalidInputException(field, null, "is required");
        }
    }
}
