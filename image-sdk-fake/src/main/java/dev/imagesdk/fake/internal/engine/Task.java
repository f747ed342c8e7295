package dev.imagesdk.fake.internal.engine;

import java.time.Instant;
import java.util.Map;

/**
 * A Glance task (import tasks created by {@code POST /v2/images/{id}/import} or
 * {@code POST /v2/tasks}).
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
