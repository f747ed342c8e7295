package dev.imagesdk.v2.calls;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.ImageSdkException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event as one line: {@code <operation> <event> <details>}; request ids as "id" or "no id". */
final class RecordingListener implements ImageServiceListener {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<ImageSdkException> failures = new CopyOnWriteArrayList<>();
    private final List<Long> callIds = new CopyOnWriteArrayList<>();

    List<String> events() {
        return List.copyOf(events);
    }

    List<ImageSdkException> failures() {
        return List.copyOf(failures);
    }

    List<Long> callIds() {
        return List.copyOf(callIds);
    }

    void clear() {
        events.clear();
        failures.clear();
        callIds.clear();
    }

    private void add(CallInfo call, String event) {
        events.add(call.operation() + " " + event);
        callIds.add(call.callId());
    }

    @Override
    public void callStart(CallInfo call) {
        add(call, "callStart " + call.method());
    }

    @Override
    public void attemptStart(CallInfo call, int attempt) {
        add(call, "attemptStart " + attempt);
    }

    @Override
    public void response(CallInfo call, int attempt, int status, String requestId) {
        add(call, "response " + attempt + " " + status + (requestId == null ? " no id" : " id"));
    }

    @Override
    public void retry(CallInfo call, int failedAttempt, String reason, Duration delay) {
        add(call, "retry " + failedAttempt + " " + reason + " " + delay);
    }

    @Override
    public void reauthentication(CallInfo call) {
        add(call, "reauthentication");
    }

    @Override
    public void transferBytes(CallInfo call, long bytes, Duration elapsed) {
        add(call, "transferBytes " + bytes);
    }

    @Override
    public void verification(CallInfo call, boolean verified) {
        add(call, "verification " + verified);
    }

    @Override
    public void callEnd(CallInfo call, Duration elapsed, int attempts) {
        add(call, "callEnd " + attempts);
    }

    @Override
    public void callFailed(CallInfo call, Duration elapsed, int attempts, ImageSdkException failure) {
        add(call, "callFailed " + attempts + " " + failure.getClass().getSimpleName());
        failures.add(failure);
    }
}
