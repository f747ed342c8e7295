package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;

import dev.imagesdk.fake.internal.engine.Blob;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.ImageData;
import java.io.IOException;
import java.io.InputStream;

/**
 * Glance v2 image data requests: upload ({@code application/octet-stream} only), staging, and download with
 * single {@code Range} requests (206, 416) and {@code Content-MD5}.
 */
final class V2DataRoutes {
    private final Engine engine;

    V2DataRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code /v2/images/{id}/file}: PUT uploads (to the store named by {@code X-Image-Meta-Store}), GET downloads. */
    void file(Call c, String id) throws IOException {
        allow(c, "GET", "PUT");
        if (c.method.equals("PUT")) {
            engine.data().upload(c.caller, id, uploadStream(c), c.header("X-Image-Meta-Store"));
            c.empty(204);
        } else {
            download(c, id);
        }
    }

    /** {@code PUT /v2/images/{id}/stage}: the first half of {@code glance-direct}. */
    void stage(Call c, String id) throws IOException {
        allow(c, "PUT");
        engine.data().stage(c.caller, id, uploadStream(c));
        c.empty(204);
    }

    /** The request body, cut by a mid-upload drop fault if one is armed; 415 unless octet-stream. */
    private static InputStream uploadStream(Call c) {
        String ct = c.header("Content-Type");
        if (ct == null || !ct.split(";")[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw GlanceException.raw(415, "The request media type " + (ct == null ? "None" : ct)
                    + " is not supported by this server.\n<br /><br />\n");
        }
        return c.uploadBody();
    }

    private void download(Call c, String id) throws IOException {
        ImageData.Download d = engine.data().download(c.caller, id);
        Blob blob = d.blob();
        if (blob == null) {
            c.status = 204;
            c.ex.getResponseHeaders().set("Content-Length", "0");
            c.ex.getResponseHeaders().set("X-Openstack-Request-Id", c.requestId);
            c.sendResponseHeaders(204, -1);
            c.ex.close();
            return;
        }
        long size = blob.size();
        long start = 0;
        long end = size - 1;
        int code = 200;
        String range = c.header("Range");
        if (range != null) {
            long[] r = parseRange(range, size);
            start = r[0];
            end = r[1];
            code = 206;
            c.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        c.setHeader("Content-Type", "application/octet-stream");
        c.setHeader("Content-MD5", blob.md5());
        c.setHeader("X-Openstack-Request-Id", c.requestId);
        c.status = code;
        c.streamBody(code, blob.open(start, length), start, length);
    }

    /** A single {@code bytes=} range; unsatisfiable ones are 416. */
    private static long[] parseRange(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=")) {
            throw range(size);
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            throw GlanceException.badRequest("Requests with multiple ranges are not supported in Glance. "
                    + "You may make multiple single-range requests instead.");
        }
        int dash = spec.indexOf('-');
        if (dash < 0) throw range(size);
        try {
            long start;
            long end;
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0) throw range(size);
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(spec.substring(0, dash));
                String e = spec.substring(dash + 1);
                end = e.isEmpty() ? size - 1 : Math.min(Long.parseLong(e), size - 1);
                if (end < start) throw range(size);
            }
            if (start >= size) throw range(size);
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw range(size);
        }
    }

    private static GlanceException range(long size) {
        return GlanceException.of(416, "The Range requested is not available.")
                .header("Content-Range", "bytes */" + size);
    }
}
