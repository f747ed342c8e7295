package dev.imagesdk.fake.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Interoperable image import ({@code POST /v2/images/{id}/import}): {@code glance-direct},
 * {@code web-download} (fetched from allowed hosts) and {@code copy-image}, each recorded as an
 * {@code api_image_import} task; completion follows the import {@link TransitionMode}.
 */
public final class Imports {
    private final EngineState state;
    private final Policy policy;
    private final Transitions transitions;
    private final ImageData imageData;
    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Imports(EngineState state, Policy policy, Transitions transitions, ImageData imageData) {
        this.state = state;
        this.policy = policy;
        this.transitions = transitions;
        this.imageData = imageData;
    }

    /** Parsed {@code POST /v2/images/{id}/import} body. */
    public record ImportRequest(String method, String uri, List<String> stores, boolean allStores,
            Map<String, Object> raw) {
    }

    /**
     * {@code POST /v2/images/{id}/import}: 202 in Glance; completion follows the import mode. copy-image with
     * {@code all_stores} copies to the stores that do not hold the image yet (none: a no-op, no task); with
     * named stores, one that holds it already is 400.
     */
    public void importImage(Caller c, String id, ImportRequest req, String requestId) {
        String method = req.method();
        if (!List.of("glance-direct", "web-download", "copy-image").contains(method)) {
            throw GlanceException.badRequest("Unknown import method name '" + method + "'.");
        }
        List<String> targets = new ArrayList<>(req.stores() == null ? List.of() : req.stores());
        if (req.allStores()) {
            targets = new ArrayList<>(state.config.stores());
        }
        for (String s : targets) {
            if (!state.config.stores().contains(s)) {
                throw GlanceException.conflict("Store for identifier " + s + " not found");
            }
        }
        if (targets.isEmpty() && !method.equals("copy-image")) {
            targets.add(state.config.defaultStore());
        }
        List<String> stores = targets;
        Task task = state.locked(() -> {
            Image img = policy.find(c, id);
            if (method.equals("copy-image")) {
                if (!c.admin()) {
                    throw GlanceException.forbidden("You are not authorized to complete copy_image action.");
                }
            } else if (!Policy.mutable(c, img)) {
                throw GlanceException.forbidden("You do not own this image");
            }
            if (img.importRunning) {
                throw GlanceException.conflict("Image has active task");
            }
            if (method.equals("copy-image")) {
                if (req.allStores()) {
                    // all_stores: the stores that do not hold the image yet; none left is a no-op (still 202)
                    stores.removeAll(img.stores);
                    if (stores.isEmpty()) {
                        return null;
                    }
                } else {
                    for (String s : img.stores) {
                        if (stores.contains(s)) {
                            throw GlanceException.badRequest("Image is already present at store '" + s + "'");
                        }
                    }
                }
            }
            switch (method) {
                case "glance-direct":
                    if (!img.status.equals("uploading") || img.staged == null) {
                        throw GlanceException.conflict("Image needs to be staged before 'glance-direct' method can be used");
                    }
                    break;
                case "web-download":
                    if (!img.status.equals("queued")) {
                        throw GlanceException.conflict("Image needs to be in 'queued' state to use 'web-download' method");
                    }
                    checkUri(req.uri());
                    break;
                default:
                    if (!img.status.equals("active")) {
                        throw GlanceException.conflict("Image needs to be in 'active' state to use 'copy-image' method");
                    }
                    if (stores.isEmpty()) {
                        throw GlanceException.badRequest("Stores parameter and x-image-meta-store header can't be both specified");
                    }
            }
            if (img.containerFormat == null || img.containerFormat.isEmpty()) {
                throw GlanceException.conflict("'container_format' needs to be set before import");
            }
            if (img.diskFormat == null || img.diskFormat.isEmpty()) {
                throw GlanceException.conflict("'disk_format' needs to be set before import");
            }
            img.importRunning = true;
            img.properties.put("os_glance_importing_to_stores", String.join(",", stores));
            img.properties.putIfAbsent("os_glance_failed_import", "");
            if (!method.equals("copy-image")) {
                img.status = "importing";
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("image_id", id);
            input.put("import_req", req.raw());
            input.put("backend", stores);
            Task t = new Task(UUID.randomUUID().toString(), "api_image_import", c.projectId(), c.userId(), id,
                    requestId, input, state.clock.now());
            t.status = "processing";
            state.tasks.put(t.id, t);
            return t;
        });
        if (task == null) {
            return;
        }
        Blob fetched = null;
        String failure = null;
        if (method.equals("web-download")) {
            try {
                fetched = fetch(req.uri(),
                        state.locked(() -> state.images.get(id) == null ? null : state.images.get(id).owner));
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        Blob data = fetched;
        String failed = failure;
        state.lockedRun(() -> {
            Image img = state.images.get(id);
            if (img == null) {
                state.blobs.delete(data);
                task.status = "failure";
                task.message = "Image not found";
                return;
            }
            if (failed != null) {
                img.importRunning = false;
                img.status = "queued";
                img.properties.put("os_glance_importing_to_stores", "");
                img.properties.put("os_glance_failed_import", String.join(",", stores));
                finishTask(task, "failure", failed);
                return;
            }
            Runnable done = () -> {
                if (method.equals("copy-image")) {
                    for (String s : stores) {
                        if (!img.stores.contains(s)) img.stores.add(s);
                    }
                } else {
                    Blob b = method.equals("glance-direct") ? img.staged : data;
                    img.staged = null;
                    imageData.installData(img, b, stores);
                }
                img.importRunning = false;
                img.properties.put("os_glance_importing_to_stores", "");
                finishTask(task, "success", "Copied " + (img.size == null ? 0 : img.size / (1024 * 1024)) + " MiB");
            };
            String interim = method.equals("copy-image") ? "active" : "importing";
            transitions.transition(img, interim, "active", state.importMode, done);
        });
    }

    private void finishTask(Task t, String status, String message) {
        Instant now = state.clock.now();
        t.status = status;
        t.message = message;
        t.updatedAt = now;
        t.expiresAt = now.plus(Duration.ofHours(48));
        t.result = new LinkedHashMap<>(Map.of("image_id", t.imageId == null ? "" : t.imageId));
    }

    void checkUri(String uri) {
        URI u;
        try {
            u = URI.create(uri == null ? "" : uri);
        } catch (IllegalArgumentException e) {
            throw GlanceException.badRequest("URI for web-download does not pass filtering: " + uri);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null || !state.config.webDownloadHosts().contains(u.getHost())) {
            throw GlanceException.badRequest("URI for web-download does not pass filtering: " + uri);
        }
    }

    Blob fetch(String uri, String owner) throws IOException {
        try {
            HttpResponse<InputStream> r = fetcher.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body(); ImageData.Reservation quota = imageData.reserve(owner)) {
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + " from " + uri);
                }
                return state.blobs.write(in, quota);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
