package dev.imagesdk.v2;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.testsupport.RequestLineRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import static org.assertj.core.api.Assertions.fail;

/**
 * Every public v2 method that puts a caller's value into a request path ({@link ImageService},
 * {@link ImageServiceV2}, {@link Metadefs}) sends hostile values ({@code %41}, {@code %2F}, {@code ..},
 * {@code .}, {@code ?}, {@code #}, spaces, {@code a/b}, unicode, CR/LF, the issue's {@code ..%2F..%2F<victim>})
 * as exactly one segment: the raw request line a recording server saw equals the expected encoded one. Where
 * the SDK refuses a value (ids and tags with {@code /} or control characters, blank values) it throws
 * {@link InvalidInputException} naming the field and the server saw nothing. One row per (method, path
 * parameter); {@link #everyPublicMethodWithAStringParameterHasARowOrAReason} keeps the table complete.
 */
class HostilePathSegmentsTest {

    private static final String ID = "d63ff38b-68c1-49d6-93fb-96740f4fbd4e";
    private static final String NS = "OS-ns";

    /** How a parameter is checked before encoding: ids and tags refuse '/' and control characters. */
    enum Kind { ID, NAME }

    /** A hostile value and its expected single-segment encoding. */
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

    /**
     * @param key {@code method#parameterIndex}
     * @param field the field an {@link InvalidInputException} names for this parameter
     * @param line the expected first request line(s) ({@code \n} between), {@code {}} where the encoded value goes
     */
    record Row(String key, String field, Kind kind, String line, BiConsumer<ImageServiceV2, String> call) {
    }

    static final List<Row> ROWS = new ArrayList<>();

    private static void row(String key, String field, Kind kind, String line, BiConsumer<ImageServiceV2, String> c) {
        ROWS.add(new Row(key, field, kind, line, c));
    }

    private static String img(String rest) {
        return "/v2/images/" + ID + rest;
    }

    static {
        ImageData data = ImageData.fromBytes(new byte[] {1, 2, 3});
        Kind i = Kind.ID;
        Kind n = Kind.NAME;
        // ---- ImageService ----
        row("get#0", "imageId", i, "GET /v2/images/{}", ImageService::get);
        row("find#0", "imageId", i, "GET /v2/images/{}", ImageService::find);
        row("update#0", "imageId", i, "PATCH /v2/images/{}",
                (s, v) -> s.update(v, ImageUpdate.builder().name("n").build()));
        row("delete#0", "imageId", i, "DELETE /v2/images/{}", ImageService::delete);
        row("upload#0", "imageId", i, "PUT /v2/images/{}/file", (s, v) -> s.upload(v, data, null));
        row("upload/2#0", "imageId", i, "PUT /v2/images/{}/file", (s, v) -> s.upload(v, data));
        // a download reads the image's checksum first (answered with an active image), then GETs .../file
        row("download#0", "imageId", i, "GET /v2/images/{}\nGET /v2/images/{}/file",
                (s, v) -> s.download(v).toOutputStream(new ByteArrayOutputStream()));
        row("addTag#0", "imageId", i, "PUT /v2/images/{}/tags/t", (s, v) -> s.addTag(v, "t"));
        row("addTag#1", "tag", i, "PUT " + img("/tags/{}"), (s, v) -> s.addTag(ID, v));
        row("removeTag#0", "imageId", i, "DELETE /v2/images/{}/tags/t", (s, v) -> s.removeTag(v, "t"));
        row("removeTag#1", "tag", i, "DELETE " + img("/tags/{}"), (s, v) -> s.removeTag(ID, v));
        row("members#0", "imageId", i, "GET /v2/images/{}/members", ImageService::members);
        row("addMember#0", "imageId", i, "POST /v2/images/{}/members", (s, v) -> s.addMember(v, "p1"));
        // the member id of an add travels in the JSON body; it is still checked as an id
        row("removeMember#0", "imageId", i, "DELETE /v2/images/{}/members/p1", (s, v) -> s.removeMember(v, "p1"));
        row("removeMember#1", "projectId", i, "DELETE " + img("/members/{}"), (s, v) -> s.removeMember(ID, v));
        row("updateMemberStatus#0", "imageId", i, "PUT /v2/images/{}/members/p1",
                (s, v) -> s.updateMemberStatus(v, "p1", MemberStatus.ACCEPTED));
        row("updateMemberStatus#1", "projectId", i, "PUT " + img("/members/{}"),
                (s, v) -> s.updateMemberStatus(ID, v, MemberStatus.ACCEPTED));
        row("waitForStatus#0", "imageId", i, "GET /v2/images/{}",
                (s, v) -> s.waitForStatus(v, ImageStatus.ACTIVE, Duration.ofSeconds(5)));
        // ---- ImageServiceV2 ----
        row("deactivate#0", "imageId", i, "POST /v2/images/{}/actions/deactivate", ImageServiceV2::deactivate);
        row("reactivate#0", "imageId", i, "POST /v2/images/{}/actions/reactivate", ImageServiceV2::reactivate);
        row("uploadToStore#0", "imageId", i, "PUT /v2/images/{}/file", (s, v) -> s.uploadToStore(v, "st", data, null));
        row("stage#0", "imageId", i, "PUT /v2/images/{}/stage", (s, v) -> s.stage(v, data, null));
        row("importImage#0", "imageId", i, "POST /v2/images/{}/import",
                (s, v) -> s.importImage(v, ImportRequest.glanceDirect()));
        row("deleteFromStore#0", "storeId", i, "DELETE /v2/stores/{}/" + ID, (s, v) -> s.deleteFromStore(v, ID));
        row("deleteFromStore#1", "imageId", i, "DELETE /v2/stores/st/{}", (s, v) -> s.deleteFromStore("st", v));
        row("imageTasks#0", "imageId", i, "GET /v2/images/{}/tasks", ImageServiceV2::imageTasks);
        row("task#0", "taskId", i, "GET /v2/tasks/{}", ImageServiceV2::task);
        row("locations#0", "imageId", i, "GET /v2/images/{}/locations", ImageServiceV2::locations);
        row("addLocation#0", "imageId", i, "POST /v2/images/{}/locations",
                (s, v) -> s.addLocation(v, "http://example.test/x", Map.of()));
        row("queueForCache#0", "imageId", i, "PUT /v2/cache/{}", ImageServiceV2::queueForCache);
        row("removeFromCache#0", "imageId", i, "DELETE /v2/cache/{}", ImageServiceV2::removeFromCache);
        // ---- Metadefs (names: everything but blank is sent, encoded) ----
        String nsPath = "/v2/metadefs/namespaces/";
        row("namespace#0", "namespace", n, "GET " + nsPath + "{}", (s, v) -> s.metadefs().namespace(v));
        row("updateNamespace#0", "namespace", n, "PUT " + nsPath + "{}",
                (s, v) -> s.metadefs().updateNamespace(v, "{\"namespace\": \"x\"}"));
        row("deleteNamespace#0", "namespace", n, "DELETE " + nsPath + "{}", (s, v) -> s.metadefs().deleteNamespace(v));
        for (String section : List.of("objects", "properties", "tags")) {
            String one = section.substring(0, section.length() - (section.equals("properties") ? 3 : 1))
                    + (section.equals("properties") ? "y" : "");
            String cap = Character.toUpperCase(one.charAt(0)) + one.substring(1);
            String doc = "{\"name\": \"x\"}";
            row(section + "#0", "namespace", n, "GET " + nsPath + "{}/" + section, (s, v) -> listSection(s, section, v));
            row(one + "#0", "namespace", n, "GET " + nsPath + "{}/" + section + "/x",
                    (s, v) -> getItem(s, section, v, "x"));
            row(one + "#1", "name", n, "GET " + nsPath + NS + "/" + section + "/{}",
                    (s, v) -> getItem(s, section, NS, v));
            row("delete" + cap + "#0", "namespace", n, "DELETE " + nsPath + "{}/" + section + "/x",
                    (s, v) -> deleteItem(s, section, v, "x"));
            row("delete" + cap + "#1", "name", n, "DELETE " + nsPath + NS + "/" + section + "/{}",
                    (s, v) -> deleteItem(s, section, NS, v));
            if (!section.equals("tags")) {
                row("create" + cap + "#0", "namespace", n, "POST " + nsPath + "{}/" + section,
                        (s, v) -> createItem(s, section, v, doc));
                row("update" + cap + "#0", "namespace", n, "PUT " + nsPath + "{}/" + section + "/x",
                        (s, v) -> updateItem(s, section, v, "x", doc));
                row("update" + cap + "#1", "name", n, "PUT " + nsPath + NS + "/" + section + "/{}",
                        (s, v) -> updateItem(s, section, NS, v, doc));
            }
        }
        row("createTag#0", "namespace", n, "POST " + nsPath + "{}/tags/x", (s, v) -> s.metadefs().createTag(v, "x"));
        row("createTag#1", "name", n, "POST " + nsPath + NS + "/tags/{}", (s, v) -> s.metadefs().createTag(NS, v));
        row("createTags#0", "namespace", n, "POST " + nsPath + "{}/tags",
                (s, v) -> s.metadefs().createTags(v, List.of("x"), false));
        row("updateTag#0", "namespace", n, "PUT " + nsPath + "{}/tags/x", (s, v) -> s.metadefs().updateTag(v, "x", "y"));
        row("updateTag#1", "name", n, "PUT " + nsPath + NS + "/tags/{}", (s, v) -> s.metadefs().updateTag(NS, v, "y"));
        row("resourceTypeAssociations#0", "namespace", n, "GET " + nsPath + "{}/resource_types",
                (s, v) -> s.metadefs().resourceTypeAssociations(v));
        row("associateResourceType#0", "namespace", n, "POST " + nsPath + "{}/resource_types",
                (s, v) -> s.metadefs().associateResourceType(v, "OS::Glance::Image", null, null));
        row("dissociateResourceType#0", "namespace", n, "DELETE " + nsPath + "{}/resource_types/x",
                (s, v) -> s.metadefs().dissociateResourceType(v, "x"));
        row("dissociateResourceType#1", "resourceType", n, "DELETE " + nsPath + NS + "/resource_types/{}",
                (s, v) -> s.metadefs().dissociateResourceType(NS, v));
    }

    /** String parameters that never reach a path, with where they go instead. */
    static final Map<String, String> NOT_IN_A_PATH = Map.ofEntries(
            Map.entry("addMember#1", "JSON body ({\"member\": ...}); checked as an id"),
            Map.entry("uploadToStore#1", "X-Image-Meta-Store header; checked as an id"),
            Map.entry("createTask#0", "JSON body (task type)"),
            Map.entry("schema#0", "only [a-z_]+(/[a-z_]+)? is accepted (schemaRefusesEveryHostileName)"),
            Map.entry("addLocation#1", "JSON body (location url)"),
            Map.entry("clearCache#0", "header, only cache or queue"),
            Map.entry("namespaces#1", "query parameter (visibility)"),
            Map.entry("createNamespace#0", "JSON body"),
            Map.entry("updateNamespace#1", "JSON body"),
            Map.entry("createObject#1", "JSON body"),
            Map.entry("updateObject#2", "JSON body"),
            Map.entry("createProperty#1", "JSON body"),
            Map.entry("updateProperty#2", "JSON body"),
            Map.entry("associateResourceType#1", "JSON body (resource type name)"),
            Map.entry("associateResourceType#2", "JSON body (prefix)"),
            Map.entry("associateResourceType#3", "JSON body (properties target)"),
            Map.entry("updateTag#2", "JSON body (new name)"));

    private static RequestLineRecorder server;
    private static ImageServiceV2 images;

    @BeforeAll
    static void start() throws Exception {
        // GET of one image answers an active image (so a download goes on to .../file); all else 404
        server = new RequestLineRecorder(line -> line.matches("GET /v2/images/[^/?]+ HTTP/1.1")
                ? new RequestLineRecorder.Answer(200, "{\"id\": \"" + ID + "\", \"status\": \"active\", "
                + "\"checksum\": \"5289df737df57326fcdd22597afb1fac\", \"size\": 3}")
                : RequestLineRecorder.Answer.NOT_FOUND);
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken("tok"))
                .imageEndpoint(server.root()).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
                .build();
        images = (ImageServiceV2) ImageService.builder().config(config).apiVersion(ApiVersion.V2).build();
    }

    @AfterAll
    static void stop() throws Exception {
        images.close();
        server.close();
    }

    @BeforeEach
    void clear() {
        server.clear();
    }

    @Test
    void everyHostileValueTravelsAsExactlyOneSegmentOrIsRefusedBeforeAnyRequest() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Row row : ROWS) {
            for (Hostile h : HOSTILE) {
                cases++;
                server.clear();
                String problem = check(row, h);
                if (problem != null) {
                    failures.add(row.key() + " with " + printable(h.value()) + ": " + problem);
                }
            }
        }
        System.out.println("HOSTILE-PATHS v2 methods=" + ROWS.size() + " values=" + HOSTILE.size()
                + " cases=" + cases);
        assertThat(failures).isEmpty();
    }

    private static String check(Row row, Hostile h) {
        boolean refused = h.encoded() == null
                || (row.kind() == Kind.ID && (h.value().contains("/") || h.value().chars()
                .anyMatch(Character::isISOControl)));
        Throwable thrown = catchThrowable(() -> row.call().accept(images, h.value()));
        List<String> seen = server.requestLines();
        if (refused) {
            if (!(thrown instanceof InvalidInputException e) || !row.field().equals(e.field())) {
                return "expected InvalidInputException naming " + row.field() + " but got " + thrown;
            }
            return seen.isEmpty() ? null : "refused, yet the server saw " + seen;
        }
        if (thrown != null && !(thrown instanceof ImageSdkException)) {
            return "unexpected " + thrown;
        }
        List<String> expected = new ArrayList<>();
        for (String l : row.line().split("\n")) {
            expected.add(l.replace("{}", h.encoded()) + " HTTP/1.1");
        }
        if (seen.size() < expected.size()) {
            return "sent only " + seen + ", expected " + expected + "; threw " + thrown;
        }
        return seen.subList(0, expected.size()).equals(expected) ? null : "sent " + seen + ", expected " + expected;
    }

    @Test
    void schemaRefusesEveryHostileNameBeforeAnyRequest() {
        for (Hostile h : HOSTILE) {
            if (h.value().equals("a/b")) {
                continue; // the form of metadefs/namespace: two segments, see the next test
            }
            Throwable thrown = catchThrowable(() -> images.schema(h.value()));
            assertThat(thrown).isInstanceOf(InvalidInputException.class);
            assertThat(((InvalidInputException) thrown).field()).isEqualTo("schema name");
        }
        assertThat(server.requestLines()).isEmpty();
    }

    @Test
    void schemaNameWithTwoPartsIsSentAsTwoSegments() {
        catchThrowable(() -> images.schema("metadefs/namespace"));
        assertThat(server.requestLines()).containsExactly("GET /v2/schemas/metadefs/namespace HTTP/1.1");
    }

    @Test
    void everyPublicMethodWithAStringParameterHasARowOrAReason() {
        Set<String> needed = new TreeSet<>();
        for (Class<?> type : List.of(ImageService.class, ImageServiceV2.class, Metadefs.class)) {
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

    /** {@code name#index}, with {@code /arity} for the shorter overloads of {@code upload}. */
    private static String key(Method m, int index) {
        String name = m.getName();
        if (name.equals("upload") && m.getParameterCount() == 2) {
            name = "upload/2";
        }
        return name + "#" + index;
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void listSection(ImageServiceV2 s, String section, String ns) {
        switch (section) {
            case "objects" -> s.metadefs().objects(ns);
            case "properties" -> s.metadefs().properties(ns);
            default -> s.metadefs().tags(ns);
        }
    }

    private static void getItem(ImageServiceV2 s, String section, String ns, String name) {
        switch (section) {
            case "objects" -> s.metadefs().object(ns, name);
            case "properties" -> s.metadefs().property(ns, name);
            default -> s.metadefs().tag(ns, name);
        }
    }

    private static void deleteItem(ImageServiceV2 s, String section, String ns, String name) {
        switch (section) {
            case "objects" -> s.metadefs().deleteObject(ns, name);
            case "properties" -> s.metadefs().deleteProperty(ns, name);
            default -> s.metadefs().deleteTag(ns, name);
        }
    }

    private static void createItem(ImageServiceV2 s, String section, String ns, String doc) {
        if (section.equals("objects")) {
            s.metadefs().createObject(ns, doc);
        } else {
            s.metadefs().createProperty(ns, doc);
        }
    }

    private static void updateItem(ImageServiceV2 s, String section, String ns, String name, String doc) {
        if (section.equals("objects")) {
            s.metadefs().updateObject(ns, name, doc);
        } else {
            s.metadefs().updateProperty(ns, name, doc);
        }
    }

    static {
        if (ROWS.stream().map(Row::key).distinct().count() != ROWS.size()) {
            fail("duplicate rows");
        }
    }
}
