package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V1Headers.hasBody;

import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Member;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Glance v1 image members: {@code /v1/images/{id}/members[/{member}]} and {@code /v1/shared-images/{member}}. */
final class V1MemberRoutes {
    private final Engine engine;

    V1MemberRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code GET /v1/shared-images/{member}}: the images shared with a project. */
    void sharedImages(Call c, String member) throws IOException {
        V2Routes.allow(c, "GET");
        List<Object> out = new ArrayList<>();
        for (Member m : engine.v1().sharedWith(c.caller, member)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("image_id", m.imageId());
            e.put("can_share", m.canShare());
            out.add(e);
        }
        c.json(200, Map.of("shared_images", out));
    }

    @SuppressWarnings("unchecked")
    void handle(Call c, String id, String[] seg) throws IOException {
        if (seg.length == 4) {
            V2Routes.allow(c, "GET", "PUT");
            if (c.method.equals("GET")) {
                List<Object> out = new ArrayList<>();
                for (Member m : engine.v1().membersV1(c.caller, id)) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("member_id", m.memberId());
                    e.put("can_share", m.canShare());
                    out.add(e);
                }
                c.json(200, Map.of("members", out));
                return;
            }
            Map<String, Object> body = c.jsonObject();
            Object list = body.get("memberships");
            if (!(list instanceof List)) {
                throw GlanceException.badRequest("Invalid membership association: " + PyJson.write(body));
            }
            Map<String, Boolean> members = new LinkedHashMap<>();
            for (Object o : (List<?>) list) {
                if (!(o instanceof Map) || !(((Map<?, ?>) o).get("member_id") instanceof String)) {
                    throw GlanceException.badRequest("Invalid membership association: " + PyJson.write(o));
                }
                Map<String, Object> mm = (Map<String, Object>) o;
                members.put((String) mm.get("member_id"), Boolean.TRUE.equals(mm.get("can_share")));
            }
            engine.v1().replaceMembersV1(c.caller, id, members);
            c.empty(204);
            return;
        }
        if (seg.length != 5) throw V2Routes.notFound();
        V2Routes.allow(c, "PUT", "DELETE");
        if (c.method.equals("DELETE")) {
            engine.v1().deleteMemberV1(c.caller, id, seg[4]);
            c.empty(204);
            return;
        }
        boolean canShare = false;
        if (hasBody(c)) {
            Map<String, Object> body = c.jsonObject();
            Object member = body.get("member");
            Object share = member instanceof Map ? ((Map<?, ?>) member).get("can_share") : body.get("can_share");
            canShare = Boolean.TRUE.equals(share);
        }
        engine.v1().putMemberV1(c.caller, id, seg[4], canShare);
        c.empty(204);
    }
}
