package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;
import static dev.imagesdk.fake.internal.http.V2Routes.notFound;

import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import java.io.IOException;
import java.util.Map;

/** Glance v2 image members: {@code /v2/images/{id}/members} and {@code .../members/{member}}. */
final class V2MemberRoutes {
    private final Engine engine;

    V2MemberRoutes(Engine engine) {
        this.engine = engine;
    }

    void handle(Call c, String[] seg, String id) throws IOException {
        if (seg.length == 4) {
            allow(c, "GET", "POST");
            if (c.method.equals("POST")) {
                Object member = c.jsonObject().get("member");
                if (!(member instanceof String)) {
                    throw GlanceException.badRequest("Member to be added not specified");
                }
                c.json(200, V2Views.member(engine.members().addMember(c.caller, id, (String) member)));
            } else {
                c.json(200, V2Views.members(engine.members().members(c.caller, id)));
            }
            return;
        }
        if (seg.length != 5) throw notFound();
        String member = seg[4];
        allow(c, "GET", "PUT", "DELETE");
        switch (c.method) {
            case "GET":
                c.json(200, V2Views.member(engine.members().member(c.caller, id, member)));
                return;
            case "PUT":
                Map<String, Object> body = c.jsonObject();
                if (!body.containsKey("status")) {
                    throw GlanceException.badRequest("Status not specified");
                }
                c.json(200, V2Views.member(engine.members().updateMember(c.caller, id, member, body.get("status"))));
                return;
            default:
                engine.members().deleteMember(c.caller, id, member);
                c.empty(204);
        }
    }
}
