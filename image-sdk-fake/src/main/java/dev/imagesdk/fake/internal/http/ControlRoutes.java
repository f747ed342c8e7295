package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.FaultPlan;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.Journal;
import dev.imagesdk.fake.internal.engine.TransitionMode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /_fake/*} control endpoints: reset, state, journal, faults, clock, transitions and
 * seeding, the HTTP twin of the {@code FakeGlance} Java API.
 */
public final class ControlRoutes {
    /** What only the owner of the whole fake can do. */
    public interface Hooks {
        void reset();

        Image seed(String project, Map<String, Object> attributes, byte[] data);
    }

    private final Engine engine;
    private final FaultPlan faults;
    private final Journal journal;
    private final Hooks hooks;

    ControlRoutes(Engine engine, FaultPlan faults, Journal journal, Hooks hooks) {
        this.engine = engine;
        this.faults = faults;
        this.journal = journal;
        this.hooks = hooks;
    }

    void handle(Call c) throws IOException {
        String[] seg = HttpAdapter.segments(c.path);
        String what = seg.length > 1 ? seg[1] : "";
        switch (what) {
            case "reset":
                V2Routes.allow(c, "POST");
                hooks.reset();
                c.empty(204);
                return;
            case "state":
                V2Routes.allow(c, "GET");
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("images", engine.images().all().stream().map(V2Views::image).toList());
                state.put("blobs_on_disk", engine.blobs().filesOnDisk());
                state.put("faults", faults.describe());
                state.put("now", engine.clock().now().toString());
                c.json(200, state);
                return;
            case "requests":
                V2Routes.allow(c, "GET", "DELETE");
                if (c.method.equals("DELETE")) {
                    journal.clear();
                    c.empty(204);
                } else {
                    c.json(200, Map.of("requests", journal.all().stream().map(ControlRoutes::entry).toList()));
                }
                return;
            case "faults":
                faults(c);
                return;
            case "stalls":
                V2Routes.allow(c, "POST");
                faults.releaseStalls();
                c.empty(204);
                return;
            case "clock":
                clock(c);
                return;
            case "transitions":
                V2Routes.allow(c, "PUT");
                Map<String, Object> t = c.jsonObject();
                if (t.containsKey("upload")) engine.uploadTransitions(mode(t.get("upload")));
                if (t.containsKey("import")) engine.importTransitions(mode(t.get("import")));
                c.empty(204);
                return;
            case "images":
                images(c, seg);
                return;
            default:
                throw V2Routes.notFound();
        }
    }

    private static Map<String, Object> entry(RecordedRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", r.time().toString());
        m.put("method", r.method());
        m.put("path", r.path());
        m.put("query", r.query());
        m.put("operation", r.operation().name());
        m.put("status", r.status());
        m.put("request_id", r.requestId());
        m.put("headers", r.headers());
        return m;
    }

    /** {@code "immediate"}, {@code "manual"} or a number of polls. */
    static TransitionMode mode(Object v) {
        if (v instanceof Number) {
            return TransitionMode.afterPolls(((Number) v).intValue());
        }
        String s = String.valueOf(v);
        switch (s) {
            case "immediate": return TransitionMode.IMMEDIATE;
            case "manual": return TransitionMode.MANUAL;
            default:
                try {
                    return TransitionMode.afterPolls(Integer.parseInt(s));
                } catch (IllegalArgumentException e) {
                    throw GlanceException.badRequest("Invalid transition mode: " + s);
                }
        }
    }

    private void faults(Call c) throws IOException {
        V2Routes.allow(c, "GET", "POST", "DELETE");
        switch (c.method) {
            case "GET":
                c.json(200, Map.of("faults", faults.describe()));
                return;
            case "DELETE":
                faults.clear();
                c.empty(204);
                return;
            default:
                Map<String, Object> b = c.jsonObject();
                Operation op;
                Fault f;
                try {
                    op = Operation.valueOf(String.valueOf(b.getOrDefault("operation", "ANY")));
                    f = fault(b);
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw GlanceException.badRequest("Invalid fault: " + e.getMessage());
                }
                faults.inject(op, f);
                c.empty(204);
        }
    }

    private static Fault fault(Map<String, Object> b) {
        Fault.Kind kind = Fault.Kind.valueOf(String.valueOf(b.get("kind")));
        long offset = b.get("offset") == null ? 0 : ((Number) b.get("offset")).longValue();
        int times = b.get("times") == null ? 1 : ((Number) b.get("times")).intValue();
        Fault f;
        switch (kind) {
            case SERVICE_UNAVAILABLE:
            case TOO_MANY_REQUESTS: {
                // "retry_after": null (or absent for 429) sends no Retry-After header
                boolean with = kind == Fault.Kind.SERVICE_UNAVAILABLE ? !b.containsKey("retry_after") || b.get("retry_after") != null
                        : b.get("retry_after") != null;
                long ra = b.get("retry_after") == null ? 1 : ((Number) b.get("retry_after")).longValue();
                if (kind == Fault.Kind.SERVICE_UNAVAILABLE) {
                    f = with ? Fault.serviceUnavailable(1, Duration.ofSeconds(ra)) : Fault.serviceUnavailable(1);
                } else {
                    f = with ? Fault.tooManyRequests(1, Duration.ofSeconds(ra)) : Fault.tooManyRequests(1);
                }
                break;
            }
            case INTERNAL_ERROR: f = Fault.internalError(1); break;
            case RESET_BEFORE_RESPONSE: f = Fault.resetBeforeResponse(); break;
            case HANG:
                f = Fault.hang(Duration.ofMillis(b.get("hold_ms") == null ? 0 : ((Number) b.get("hold_ms")).longValue()));
                break;
            case UNAUTHORIZED: f = Fault.unauthorizedOnce(); break;
            case LATENCY:
                long ms = b.get("delay_ms") == null ? 0 : ((Number) b.get("delay_ms")).longValue();
                f = Fault.latency(Duration.ofMillis(ms));
                break;
            case STALL: f = Fault.stall(); break;
            case TRUNCATED_BODY: f = Fault.truncatedBody(); break;
            case CORRUPTED_BYTE: f = Fault.corruptedByte(offset); break;
            case DROP_MID_UPLOAD: f = Fault.dropConnectionMidUpload(offset); break;
            default: f = Fault.dropConnectionMidDownload(offset);
        }
        return times < 0 ? f.always() : f.times(times);
    }

    private void clock(Call c) throws IOException {
        V2Routes.allow(c, "GET", "PUT", "DELETE");
        if (c.method.equals("PUT")) {
            Map<String, Object> b = c.jsonObject();
            try {
                if (b.get("now") != null) engine.clock().set(Instant.parse(String.valueOf(b.get("now"))));
                if (b.get("advance_seconds") != null) {
                    engine.clock().advance(Duration.ofSeconds(((Number) b.get("advance_seconds")).longValue()));
                }
            } catch (RuntimeException e) {
                throw GlanceException.badRequest("Invalid clock setting: " + e.getMessage());
            }
        } else if (c.method.equals("DELETE")) {
            engine.clock().useSystem();
        }
        c.json(200, Map.of("now", engine.clock().now().toString()));
    }

    @SuppressWarnings("unchecked")
    private void images(Call c, String[] seg) throws IOException {
        if (seg.length == 2) {
            V2Routes.allow(c, "POST");
            Map<String, Object> b = c.jsonObject();
            Object attrs = b.getOrDefault("image", Map.of());
            Object data = b.get("data_base64");
            byte[] bytes = data == null ? null : Base64.getDecoder().decode(String.valueOf(data));
            Image img = hooks.seed(String.valueOf(b.getOrDefault("project", "admin")),
                    new LinkedHashMap<>((Map<String, Object>) attrs), bytes);
            c.json(201, V2Views.image(img));
            return;
        }
        if (seg.length != 4) throw V2Routes.notFound();
        String id = seg[2];
        switch (seg[3]) {
            case "complete":
                V2Routes.allow(c, "POST");
                if (!engine.transitions().completeTransition(id)) {
                    throw GlanceException.notFound("No pending transition for image " + id);
                }
                c.empty(204);
                return;
            case "status":
                V2Routes.allow(c, "PUT");
                engine.transitions().forceStatus(id, String.valueOf(c.jsonObject().get("status")));
                c.empty(204);
                return;
            default:
                throw V2Routes.notFound();
        }
    }

}
