package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;

import java.net.URI;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;
import static dev.imagesdk.v2.internal.V2Context.segment;

/**
 * Glance's image tags ({@code /v2/images/{id}/tags/{tag}}): add (PUT, idempotent, retried) and remove (a 404 on
 * a retry means an earlier attempt removed it). Tags are checked here before any request.
 */
final class V2Tags {

    private final V2Context ctx;

    V2Tags(V2Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    void addTag(String imageId, String tag) {
        checkId("imageId", imageId);
        checkTag(tag);
        URI url = tagUrl(imageId, tag);
        ctx.calls.run("add tag", "PUT", true, token -> {
            ctx.api.addTag(url, token);
            return null;
        });
    }

    void removeTag(String imageId, String tag) {
        checkId("imageId", imageId);
        checkTag(tag);
        URI url = tagUrl(imageId, tag);
        ctx.deleteCall("remove tag", token -> ctx.api.removeTag(url, token));
    }

    private URI tagUrl(String imageId, String tag) {
        return ctx.url(imagePath(imageId) + "/tags/" + segment("tag", tag));
    }

    private static void checkTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidInputException("tag", tag, "must not be empty");
        }
        if (tag.length() > 255 || tag.indexOf('/') >= 0 || tag.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("tag", tag, "must be at most 255 characters without '/' or control "
                    + "characters");
        }
    }
}
