package dev.imagesdk.fake.internal.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Glance task (import tasks created by {@code POST /v2/images/{id}/import} or
 * {@code POST /v2/tasks}). Mutated only under the {@link EngineState} lock; what the engine hands out is a
 * {@link #copy()}, a snapshot that later progress of the task does not change.
 */
public final class Task {
    final String id;
    final String type;
    String status = "pending";
    final String owner;
    final String userId;
    final String imageId;
    final String requestId;
    final Map<String, Object> input;
    Map<String, Object> result;
    String message = "";
    final Instant createdAt;
    Instant updatedAt;
    Instant expiresAt;

    Task(String id, String type, String owner, String userId, String imageId, String requestId,
            Map<String, Object> input, Instant now) {
        this.id = id;
        this.type = type;
        this.owner = owner;
        this.userId = userId;
        this.imageId = imageId;
        this.requestId = requestId;
        this.input = input;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A snapshot of this task (its input and result maps copied). */
    Task copy() {
        Task c = new Task(id, type, owner, userId, imageId, requestId,
                input == null ? null : new LinkedHashMap<>(input), createdAt);
        c.status = status;
        c.result = result == null ? null : new LinkedHashMap<>(result);
        c.message = message;
        c.updatedAt = updatedAt;
        c.expiresAt = expiresAt;
        return c;
    }

    public String id() { return id; }
    public String type() { return type; }
    public String status() { return status; }
    public String owner() { return owner; }
    public String userId() { return userId; }
    public String imageId() { return imageId; }
    public String requestId() { return requestId; }
    public Map<String, Object> input() { return input; }
    public Map<String, Object> result() { return result; }
    public String message() { return message; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant expiresAt() { return expiresAt; }
}
