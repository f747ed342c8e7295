package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.internal.engine.Engine;
import java.io.IOException;

/**
 * Glance v1 (removed from real Glance in Rocky, modelled on its last tree): metadata in
 * {@code x-image-meta-*} headers, data in the body, over the same engine as v2. This is the path table; the
 * requests are answered by {@link V1ImageRoutes} and {@link V1MemberRoutes}, the headers read and written by
 * {@link V1Headers}.
 */
final class V1Routes {
    private final V1ImageRoutes images;
    private final V1MemberRoutes members;

    V1Routes(Engine engine) {
        this.images = new V1ImageRoutes(engine);
        this.members = new V1MemberRoutes(engine);
    }

    /**
     * The operation a v1 request is, for fault targeting: a {@code PUT} to an image that carries a body is
     * {@link Operation#UPLOAD} (image data, like v2's {@code PUT .../file}); without one it is
     * {@link Operation#UPDATE_IMAGE} (headers only). A {@code POST} with data stays {@link Operation#CREATE_IMAGE}.
     */
    static Operation operationOf(String method, String[] seg, boolean carriesBody) {
        if (seg.length < 2) return Operation.ANY;
        if (seg[1].equals("shared-images")) return Operation.MEMBER;
        if (!seg[1].equals("images")) return Operation.ANY;
        if (seg.length == 2) return method.equals("POST") ? Operation.CREATE_IMAGE : Operation.LIST_IMAGES;
        if (seg.length == 3) {
            if (seg[2].equals("detail")) return Operation.LIST_IMAGES;
            switch (method) {
                case "GET": return Operation.DOWNLOAD;
                case "PUT": return carriesBody ? Operation.UPLOAD : Operation.UPDATE_IMAGE;
                case "DELETE": return Operation.DELETE_IMAGE;
                default: return Operation.SHOW_IMAGE;
            }
        }
        return Operation.MEMBER;
    }

    /** Whether a request has a body: a positive {@code Content-Length} or chunked transfer encoding. */
    static boolean carriesBody(com.sun.net.httpserver.Headers h) {
        String te = h.getFirst("Transfer-Encoding");
        if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            return true;
        }
        String cl = h.getFirst("Content-Length");
        try {
            return cl != null && Long.parseLong(cl.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void handle(Call c, String[] seg) throws IOException {
        if (seg.length >= 2 && seg[1].equals("shared-images") && seg.length == 3) {
            members.sharedImages(c, seg[2]);
            return;
        }
        if (seg.length < 2 || !seg[1].equals("images")) {
            throw V2Routes.notFound();
        }
        if (seg.length == 2) {
            images.collection(c);
            return;
        }
        if (seg.length == 3 && seg[2].equals("detail")) {
            images.detail(c);
            return;
        }
        String id = seg[2];
        if (seg.length == 3) {
            images.item(c, id);
            return;
        }
        if (!seg[3].equals("members")) {
            throw V2Routes.notFound();
        }
        members.handle(c, id, seg);
    }
}
