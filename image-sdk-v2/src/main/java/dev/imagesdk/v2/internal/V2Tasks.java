package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.v2.Task;
import dev.imagesdk.v2.TaskQuery;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.NODES;
import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;
import static dev.imagesdk.v2.internal.V2Context.segment;
import static dev.imagesdk.v2.internal.V2Context.notNull;
import static dev.imagesdk.v2.internal.V2Context.param;

/**
 * Glance's tasks ({@code /v2/tasks}, and an image's tasks at {@code /v2/images/{id}/tasks}): create (sent once),
 * get, and the paged list following {@code next} links.
 */
final class V2Tasks {

    private final V2Context ctx;

    V2Tasks(V2Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    Task createTask(String type, Map<String, ?> input) {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("type", type, "must not be blank");
        }
        notNull("input", input);
        ObjectNode body = NODES.objectNode();
        body.put("type", type);
        try {
            body.set("input", ctx.json.valueToTree(input));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("input", input.keySet(), "cannot be written as JSON: " + e.getMessage());
        }
        return ctx.calls.run("create task", "POST", false, token -> V2Json.task(ctx.api.createTask(token, body)));
    }

    PagedIterable<Task> tasks(TaskQuery query) {
        notNull("query", query);
        StringBuilder q = new StringBuilder();
        query.type().ifPresent(v -> param(q, "type", v));
        query.status().ifPresent(v -> param(q, "status", v));
        query.sortKey().ifPresent(v -> param(q, "sort_key", v));
        query.sortDir().ifPresent(v -> param(q, "sort_dir", v));
        query.pageSize().ifPresent(v -> param(q, "limit", Integer.toString(v)));
        String first = "/v2/tasks" + (q.length() == 0 ? "" : "?" + q);
        return new JsonPager<>(first, "tasks", p -> ctx.getPath("list tasks", p), V2Json::task)
                .listing(query.pageSize().orElse(0));
    }

    List<Task> imageTasks(String imageId) {
        URI url = ctx.url(imagePath(imageId) + "/tasks");
        return ctx.calls.run("list image tasks", "GET", true,
                token -> V2Json.tasks(ctx.api.imageTasks(url, token)));
    }

    Task task(String taskId) {
        checkId("taskId", taskId);
        URI url = ctx.url("/v2/tasks/" + segment("taskId", taskId));
        return ctx.calls.run("get task", "GET", true, token -> V2Json.task(ctx.api.task(url, token)));
    }
}
