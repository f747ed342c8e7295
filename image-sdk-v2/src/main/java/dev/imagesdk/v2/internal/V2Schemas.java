package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;

import java.net.URI;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.segment;

/** Glance's JSON schemas ({@code /v2/schemas/...}), returned as the service's JSON text. */
final class V2Schemas {

    private final V2Context ctx;

    V2Schemas(V2Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    String schema(String name) {
        checkId("schema name", name);
        if (!name.matches("[a-z_]+(/[a-z_]+)?")) {
            throw new InvalidInputException("schema name", name, "must be like image, images, member or "
                    + "metadefs/namespace");
        }
        StringBuilder path = new StringBuilder("/v2/schemas");
        for (String part : name.split("/")) {
            path.append('/').append(segment("schema name", part));
        }
        URI url = ctx.url(path.toString());
        return ctx.calls.run("get schema", "GET", true, token -> ctx.api.schema(url, token).toString());
    }
}
