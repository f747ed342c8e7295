package dev.imagesdk.event;

import java.util.Objects;

/**
 * Which call an event belongs to: the operation in the SDK's words, one of a fixed set (e.g.
 * {@code get image}, {@code upload image data}, {@code download image}, {@code keystone.issueToken},
 * {@code v1 HEAD /images/{id}}), its HTTP method, and a number unique within the JVM that ties the events of
 * one call together. Immutable; never contains a token, a URL, an id or other value of the caller, or a body,
 * so the operation is safe as a metric tag.
 */
public final class CallInfo {

    private final String operation;
    private final String method;
    private final long callId;

    /**
     * @param operation the operation name, as used in logs and exception messages
     * @param method the HTTP method ({@code GET}, {@code PUT}, ...)
     * @param callId a number unique within the JVM for this call
     * @throws NullPointerException if {@code operation} or {@code method} is null
     */
    public CallInfo(String operation, String method, long callId) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.method = Objects.requireNonNull(method, "method");
        this.callId = callId;
    }

    /**
     * The operation, e.g. {@code image.get}.
     *
     * @return the operation name, never null
     */
    public String operation() {
        return operation;
    }

    /**
     * The HTTP method of the call's requests.
     *
     * @return the method, never null
     */
    public String method() {
        return method;
    }

    /**
     * A number unique within the JVM for this call; every event of the call carries the same one.
     *
     * @return the call's id
     */
    public long callId() {
        return callId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallInfo && ((CallInfo) o).callId == callId
                && ((CallInfo) o).operation.equals(operation) && ((CallInfo) o).method.equals(method);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(callId);
    }

    @Override
    public String toString() {
        return "CallInfo{" + operation + ' ' + method + " #" + callId + '}';
    }
}
