package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;

import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Glance v2 tasks: {@code /v2/tasks}, {@code /v2/tasks/{id}} (admin only) and {@code /v2/images/{id}/tasks}. */
final class V2TaskRoutes {
    private final Engine engine;

    V2TaskRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code /v2/tasks} and {@code /v2/tasks/{id}}. */
    void handle(Call c, String[] seg) throws IOException {
        // Glance's default policy: the tasks API (list, show, create) is admin-only; an image's own
        // tasks (GET /v2/images/{id}/tasks) are not.
        engine.policy().requireAdmin(c.caller, "tasks_api_access");
        if (seg.length == 2) {
            allow(c, "GET", "POST");
            if (c.method.equals("POST")) {
                Map<String, Object> body = c.jsonObject();
                Object type = body.get("type");
                Object input = body.get("input");
                if (!(input instanceof Map)) {
                    throw GlanceException.badRequest("Provided object does not match schema 'task': 'input' is a required property");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> in = (Map<String, Object>) input;
                var t = engine.tasks().createTask(c.caller, type == null ? null : type.toString(), in, c.requestId);
                c.setHeader("Location", c.baseUrl + "/v2/tasks/" + t.id());
                c.json(201, V2Views.task(t));
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("tasks", engine.tasks().tasks(c.caller).stream().map(t -> {
                    Map<String, Object> m = V2Views.task(t);
                    m.remove("input");
                    m.remove("result");
                    m.remove("message");
                    m.remove("image_id");
                    m.remove("request_id");
                    m.remove("user_id");
                    return m;
                }).toList());
                body.put("first", "/v2/tasks");
                body.put("schema", "/v2/schemas/tasks");
                c.json(200, body);
            }
            return;
        }
        allow(c, "GET");
        c.json(200, V2Views.task(engine.tasks().task(c.caller, seg[2])));
    }

    /** {@code GET /v2/images/{id}/tasks}: an image's tasks (not admin-only). */
    void imageTasks(Call c, String id) throws IOException {
        allow(c, "GET");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", engine.tasks().imageTasks(c.caller, id).stream().map(V2Views::imageTask).toList());
        c.json(200, m);
    }
}
