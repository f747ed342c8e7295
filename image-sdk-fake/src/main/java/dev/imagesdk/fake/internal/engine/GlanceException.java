package dev.imagesdk.fake.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Glance error: HTTP status plus the webob explanation and detail that real Glance puts in its
 * error bodies. The HTTP adapter renders it as JSON, text or HTML depending on {@code Accept}.
 */
public final class GlanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private GlanceException(int status, String body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** Webob's body template: {@code explanation<br /><br />\ndetail\n\n}. */
    public static GlanceException of(int status, String explanation, String detail) {
        return new GlanceException(status, explanation + "<br /><br />\n" + (detail == null ? "" : detail) + "\n\n");
    }

    /** An error whose explanation is the whole message (how Glance raises most errors). */
    public static GlanceException of(int status, String explanation) {
        return of(status, explanation, null);
    }

    /** An error with a pre-formatted webob body (405 and 415 use their own templates). */
    public static GlanceException raw(int status, String body) {
        return new GlanceException(status, body);
    }

    public static GlanceException badRequest(String msg) { return of(400, msg); }
    public static GlanceException forbidden(String msg) { return of(403, msg); }
    public static GlanceException notFound(String msg) { return of(404, msg); }
    public static GlanceException conflict(String msg) { return of(409, msg); }
    public static GlanceException tooLarge(String msg) { return of(413, msg); }

    public static GlanceException imageNotFound(String id) {
        return notFound("No image found with ID " + id);
    }

    public GlanceException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }

    /** The webob body (may contain {@code <br />}), used verbatim as the JSON "message". */
    public String body() { return body; }

    public Map<String, String> headers() { return headers; }
}
