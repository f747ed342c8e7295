package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.testsupport.RequestLineRecorder;
import dev.imagesdk.v1.ImageServiceV1;
import dev.imagesdk.v1.Membership;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every public v1 method that puts a caller's value into a request path ({@link ImageService},
 * {@link ImageServiceV1}) sends hostile values as exactly one segment: the raw request line a recording server
 * saw equals the expected encoded one (v1 encodes every non-blank value, CR/LF and {@code /} included, with the
 * same encoder as v2); a blank value is refused with {@link InvalidInputException} naming the field before any
 * request. {@link #everyPublicMethodWithAStringParameterHasARowOrAReason} keeps the table complete.
 */
class V1HostilePathSegmentsTest {

    private static final String ID = "d63ff38b-68c1-49d6-93fb-96740f4fbd4e";

    record Hostile(String value, String encoded) {
    }

    static final List<Hostile> HOSTILE = List.of(
            new Hostile("%41", "%2541"),
            new Hostile("%2F", "%252F"),
            new Hostile("..", null),
            new Hostile("%2E%2E", "%252E%252E"),
            new Hostile(".", null),
            new Hostile("...", "..."),
            new Hostile("?", "%3F"),
            new Hostile("#", "%23"),
            new Hostile("a b", "a%20b"),
            new Hostile(" ", null),
            new Hostile("a/b", "a%2Fb"),
            new Hostile("\u00e9\u2713", "%C3%A9%E2%9C%93"),
            new Hostile("a\r\nb", "a%0D%0Ab"),
            new Hostile("..%2F..%2F" + ID, "..%252F..%252F" + ID));

    record Row(String key, String field, String line, BiConsumer<ImageServiceV1, String> call) {
    }

    static final List<Row> ROWS = new ArrayList<>();

    private static void row(String key, String field, String line, BiConsumer<ImageServiceV1, String> call) {
        ROWS.add(new Row(key, field, line, call));
    }

    static {
        ImageData data = ImageData.fromBytes(new byte[] {1, 2, 3});
        String img = "/v1/images/";
        row("get#0", "image id", "HEAD " + img + "{}", ImageService::get);
        row("find#0", "image id", "HEAD " + img + "{}", ImageService::find);
        row("update#0", "image id", "PUT " + img + "{}", (s, v) -> s.update(v, ImageUpdate.builder().name("n").build()));
        row("delete#0", "image id", "DELETE " + img + "{}", ImageService::delete);
        row("upload#0", "image id", "PUT " + img + "{}", (s, v) -> s.upload(v, data, null));
        row("upload/2#0", "image id", "PUT " + img + "{}", (s, v) -> s.upload(v, data));
        row("download#0", "image id", "GET " + img + "{}",
                (s, v) -> s.download(v).toOutputStream(new ByteArrayOutputStream()));
        row("members#0", "image id", "GET " + img + "{}/members", ImageService::members);
        row("addMember#0", "image id", "PUT " + img + "{}/members/t1", (s, v) -> s.addMember(v, "t1"));
        row("addMember#1", "tenant id", "PUT " + img + ID + "/members/{}", (s, v) -> s.addMember(ID, v));
        row("addMember/3#0", "image id", "PUT " + img + "{}/members/t1", (s, v) -> s.addMember(v, "t1", true));
        row("addMember/3#1", "tenant id", "PUT " + img + ID + "/members/{}", (s, v) -> s.addMember(ID, v, true));
        row("removeMember#0", "image id", "DELETE " + img + "{}/members/t1", (s, v) -> s.removeMember(v, "t1"));
        row("removeMember#1", "tenant id", "DELETE " + img + ID + "/members/{}", (s, v) -> s.removeMember(ID, v));
        row("replaceMembers#0", "image id", "PUT " + img + "{}/members",
                (s, v) -> s.replaceMembers(v, List.of(new Membership("t1", false))));
        row("sharedImages#0", "tenant id", "GET /v1/shared-images/{}", ImageServiceV1::sharedImages);
        row("waitForStatus#0", "image id", "HEAD " + img + "{}",
                (s, v) -> s.waitForStatus(v, ImageStatus.ACTIVE, Duration.ofSeconds(5)));
        row("makePublic#0", "image id", "PUT " + img + "{}", ImageServiceV1::makePublic);
        row("deprecate#0", "image id", "HEAD " + img + "{}", ImageServiceV1::deprecate);
    }

    /** String parameters that never reach a path, with the reason. */
    static final Map<String, String> NOT_IN_A_PATH = Map.of(
            "addTag#0", "v1 has no tags: refused before any request (unsupportedCallsSendNothing)",
            "addTag#1", "v1 has no tags",
            "removeTag#0", "v1 has no tags",
            "removeTag#1", "v1 has no tags",
            "updateMemberStatus#0", "v1 has no member statuses",
            "updateMemberStatus#1", "v1 has no member statuses",
            "createWithData#2", "x-image-meta-checksum header, 32 hex digits only",
            "createWithLocation#2", "x-image-meta-checksum header, 32 hex digits only");

    private static RequestLineRecorder server;
    private static V1ImageService images;

    @BeforeAll
    static void start() throws Exception {
        server = new RequestLineRecorder();
        images = V1TestServices.on(server.root(), "tok");
    }

    @AfterAll
    static void stop() throws Exception {
        images.close();
        server.close();
    }

    @Test
    void everyHostileValueTravelsAsExactlyOneSegmentOrIsRefusedBeforeAnyRequest() {
        List<String> failures = new ArrayList<>();
        for (Row row : ROWS) {
            for (Hostile h : HOSTILE) {
                server.clear();
                String problem = check(row, h);
                if (problem != null) {
                    failures.add(row.key() + " with " + h.value().replace("\r", "\\r").replace("\n", "\\n") + ": "
                            + problem);
                }
            }
        }
        System.out.println("HOSTILE-PATHS v1 methods=" + ROWS.size() + " values=" + HOSTILE.size()
                + " cases=" + ROWS.size() * HOSTILE.size());
        assertThat(failures).isEmpty();
    }

    private static String check(Row row, Hostile h) {
        Throwable thrown = catchThrowable(() -> row.call().accept(images, h.value()));
        List<String> seen = server.requestLines();
        if (h.encoded() == null) {
            if (!(thrown instanceof InvalidInputException e) || !row.field().equals(e.field())) {
                return "expected InvalidInputException naming " + row.field() + " but got " + thrown;
            }
            return seen.isEmpty() ? null : "refused, yet the server saw " + seen;
        }
        if (thrown != null && !(thrown instanceof ImageSdkException)) {
            return "unexpected " + thrown;
        }
        String expected = row.line().replace("{}", h.encoded()) + " HTTP/1.1";
        if (seen.isEmpty()) {
            return "no request; threw " + thrown;
        }
        return seen.get(0).equals(expected) ? null : "sent " + seen + ", expected " + expected;
    }

    @Test
    void unsupportedCallsSendNothing() {
        server.clear();
        assertThat(catchThrowable(() -> images.addTag(ID, "%2F"))).isInstanceOf(ImageSdkClientException.class);
        assertThat(catchThrowable(() -> images.removeTag(ID, "..")))
                .isInstanceOf(ImageSdkClientException.class);
        assertThat(catchThrowable(() -> images.updateMemberStatus(ID, "a/b", MemberStatus.ACCEPTED)))
                .isInstanceOf(ImageSdkClientException.class);
        assertThat(server.requestLines()).isEmpty();
    }

    @Test
    void everyPublicMethodWithAStringParameterHasARowOrAReason() {
        Set<String> needed = new TreeSet<>();
        for (Class<?> type : List.of(ImageService.class, ImageServiceV1.class)) {
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] p = m.getParameterTypes();
                for (int k = 0; k < p.length; k++) {
                    if (p[k] == String.class) {
                        needed.add(key(m, k));
                    }
                }
            }
        }
        Set<String> covered = new TreeSet<>(NOT_IN_A_PATH.keySet());
        ROWS.forEach(r -> covered.add(r.key()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(needed);
    }

    private static String key(Method m, int index) {
        String name = m.getName();
        if ((name.equals("upload") && m.getParameterCount() == 2)
                || (name.equals("addMember") && m.getParameterCount() == 3)) {
            name = name + "/" + m.getParameterCount();
        }
        return name + "#" + index;
    }
}
