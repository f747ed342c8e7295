package dev.imagesdk.fake.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Glance tasks ({@code /v2/tasks}, {@code /v2/images/{id}/tasks}): listed and shown to their owner or an admin,
 * as snapshots ({@link Task#copy()}) taken under the lock.
 */
public final class Tasks {
    private final EngineState state;
    private final Policy policy;

    Tasks(EngineState state, Policy policy) {
        this.state = state;
        this.policy = policy;
    }

    public List<Task> imageTasks(Caller c, String id) {
        return state.locked(() -> {
            policy.find(c, id);
            return state.tasks.values().stream().filter(t -> id.equals(t.imageId))
                    .filter(t -> c.admin() || Objects.equals(t.owner, c.projectId())).map(Task::copy).toList();
        });
    }

    public List<Task> tasks(Caller c) {
        return state.locked(() -> state.tasks.values().stream()
                .filter(t -> c.admin() || Objects.equals(t.owner, c.projectId())).map(Task::copy).toList());
    }

    public Task task(Caller c, String taskId) {
        return state.locked(() -> {
            Task t = state.tasks.get(taskId);
            if (t == null || !(c.admin() || Objects.equals(t.owner, c.projectId()))) {
                throw GlanceException.notFound("Task with the given id " + taskId + " not found");
            }
            return t.copy();
        });
    }

    /** {@code POST /v2/tasks} (type import): creates a queued image and records a pending task. */
    public Task createTask(Caller c, String type, Map<String, Object> input, String requestId) {
        if (!"import".equals(type)) {
            throw GlanceException.badRequest("Invalid type value: " + type);
        }
        if (!(input.get("import_from") instanceof String)) {
            // Glance validates the source URI first
            throw GlanceException.badRequest("Invalid location: " + (input.get("import_from") == null ? "None"
                    : input.get("import_from")));
        }
        return state.locked(() -> {
            Task t = new Task(UUID.randomUUID().toString(), type, c.projectId(), c.userId(), null, requestId,
                    input, state.clock.now());
            state.tasks.put(t.id, t);
            return t.copy();
        });
    }
}
