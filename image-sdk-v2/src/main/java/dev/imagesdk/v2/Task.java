package dev.imagesdk.v2;

import java.time.Instant;
import java.util.Objects;

/**
 * An asynchronous Glance task (e.g. {@code api_image_import}), as {@code GET /v2/tasks/{id}} or
 * {@code GET /v2/images/{id}/tasks} report it.
 *
 * @param id the task id
 * @param type the task type, e.g. {@code api_image_import}
 * @param status {@code pending}, {@code processing}, {@code success} or {@code failure} (kept verbatim)
 * @param imageId the image the task works on, or null
 * @param owner the owning project, or null
 * @param message the task's message (e.g. {@code Copied 1 MiB}, or the failure reason), or null
 * @param requestId the request id of the call that started it, or null
 * @param createdAt when it was created, or null
 * @param updatedAt when it last changed, or null
 * @param expiresAt when the record expires, or null
 * @param inputJson the task input as JSON text, or null
 * @param resultJson the task result as JSON text, or null
 */
public record Task(String id, String type, String status, String imageId, String owner, String message,
                   String requestId, Instant createdAt, Instant updatedAt, Instant expiresAt, String inputJson,
                   String resultJson) {
    /**
     * Checks the id.
     *
     * @param id the task id
     * @param type the task type, e.g. {@code api_image_import}
     * @param status {@code pending}, {@code processing}, {@code success} or {@code failure} (kept verbatim)
     * @param imageId the image the task works on, or null
     * @param owner the owning project, or null
     * @param message the task's message (e.g. {@code Copied 1 MiB}, or the failure reason), or null
     * @param requestId the request id of the call that started it, or null
     * @param createdAt when it was created, or null
     * @param updatedAt when it last changed, or null
     * @param expiresAt when the record expires, or null
     * @param inputJson the task input as JSON text, or null
     * @param resultJson the task result as JSON text, or null
     * @throws NullPointerException if id is null
     */
    public Task {
        Objects.requireNonNull(id, "id");
    }

    /** {@return {@code true} once the task has finished, successfully or not} */
    public boolean isFinished() {
        return "success".equals(status) || "failure".equals(status);
    }
}
