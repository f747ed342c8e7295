package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

import java.net.URI;

/**
 * The Glance v2 JSON and header calls as a Feign interface (image bytes go through the streaming engine,
 * never through here). Paths and headers follow the real-Glance transcripts: {@code Accept: application/json}
 * where glanceclient/the transcripts send it, none on tag and action calls, the v2.1 JSON-patch media type on
 * PATCH. The token is a parameter so each attempt sends the one it was given; a null token drops the header.
 *
 * <p>No method takes a caller's value into a path template: Feign's templating leaves {@code %XX} in a value
 * as it is and turns {@code %2F} back into {@code /}, so every such call takes the absolute {@link URI}, built
 * with each value encoded as one segment by {@link dev.imagesdk.internal.http.PathSegment}.
 *
 * <p>Error statuses are thrown by the client's error decoder as the SDK's typed exceptions, except on methods
 * returning {@link Response}, whose callers map them (they need the headers of a success).
 */
public interface GlanceV2Api {

    @RequestLine("POST /v2/images")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    Response create(@Param("token") String token, JsonNode body);

    /** {@code GET /v2/images/{id}}; path values encoded by PathSegment. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode get(URI url, @Param("token") String token);


    /** A GET of an absolute URL built from the endpoint root and a path with an already encoded query. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode getUrl(URI url, @Param("token") String token);


    /** A JSON POST to an absolute URL (metadefs, whose names are encoded by the caller). */
    @RequestLine("POST")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json",
            "X-Openstack-Append: {append}"})
    JsonNode postUrl(URI url, @Param("token") String token, @Param("append") String append, JsonNode body);

    /** A POST without a body to an absolute URL (creating one metadef tag). */
    @RequestLine("POST")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode postUrlEmpty(URI url, @Param("token") String token);

    @RequestLine("PUT")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode putUrl(URI url, @Param("token") String token, JsonNode body);

    @RequestLine("DELETE")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void deleteUrl(URI url, @Param("token") String token);

    /** {@code PATCH /v2/images/{id}}; path values encoded by PathSegment. */
    @RequestLine("PATCH")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json",
            "Content-Type: " + JsonPatch.MEDIA_TYPE})
    JsonNode patch(URI url, @Param("token") String token, JsonNode patch);

    /** {@code DELETE /v2/images/{id}}; path values encoded by PathSegment. */
    @RequestLine("DELETE")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void delete(URI url, @Param("token") String token);

    /** {@code PUT /v2/images/{id}/tags/{tag}}; path values encoded by PathSegment. */
    @RequestLine("PUT")
    @Headers("X-Auth-Token: {token}")
    void addTag(URI url, @Param("token") String token);

    /** {@code DELETE /v2/images/{id}/tags/{tag}}; path values encoded by PathSegment. */
    @RequestLine("DELETE")
    @Headers("X-Auth-Token: {token}")
    void removeTag(URI url, @Param("token") String token);

    /** {@code POST /v2/images/{id}/actions/deactivate}; path values encoded by PathSegment. */
    @RequestLine("POST")
    @Headers("X-Auth-Token: {token}")
    void deactivate(URI url, @Param("token") String token);

    /** {@code POST /v2/images/{id}/actions/reactivate}; path values encoded by PathSegment. */
    @RequestLine("POST")
    @Headers("X-Auth-Token: {token}")
    void reactivate(URI url, @Param("token") String token);

    /** {@code GET /v2/images/{id}/members}; path values encoded by PathSegment. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode members(URI url, @Param("token") String token);

    /** {@code POST /v2/images/{id}/members}; path values encoded by PathSegment. */
    @RequestLine("POST")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode addMember(URI url, @Param("token") String token, JsonNode body);

    /** {@code PUT /v2/images/{id}/members/{member}}; path values encoded by PathSegment. */
    @RequestLine("PUT")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode updateMember(URI url, @Param("token") String token, JsonNode body);

    /** {@code DELETE /v2/images/{id}/members/{member}}; path values encoded by PathSegment. */
    @RequestLine("DELETE")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void removeMember(URI url, @Param("token") String token);

    /** {@code POST /v2/images/{id}/import}; path values encoded by PathSegment. */
    @RequestLine("POST")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    void importImage(URI url, @Param("token") String token, JsonNode body);

    @RequestLine("GET /v2/info/import")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode importInfo(@Param("token") String token);

    @RequestLine("GET /v2/info/stores")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode stores(@Param("token") String token);

    @RequestLine("GET /v2/info/stores/detail")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode storesDetail(@Param("token") String token);

    @RequestLine("GET /v2/info/usage")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode usage(@Param("token") String token);

    /** {@code DELETE /v2/stores/{store}/{id}}; path values encoded by PathSegment. */
    @RequestLine("DELETE")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void deleteFromStore(URI url, @Param("token") String token);

    /** {@code GET /v2/images/{id}/tasks}; path values encoded by PathSegment. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode imageTasks(URI url, @Param("token") String token);

    @RequestLine("POST /v2/tasks")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode createTask(@Param("token") String token, JsonNode body);

    /** {@code GET /v2/tasks/{id}}; path values encoded by PathSegment. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode task(URI url, @Param("token") String token);

    /** {@code GET /v2/schemas/{name}[/{name}]}; path values encoded by PathSegment. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode schema(URI url, @Param("token") String token);

    /** {@code GET /v2/images/{id}/locations}; path values encoded by PathSegment. */
    @RequestLine("GET")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode locations(URI url, @Param("token") String token);

    /** {@code POST /v2/images/{id}/locations}; path values encoded by PathSegment. */
    @RequestLine("POST")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    void addLocation(URI url, @Param("token") String token, JsonNode body);

    @RequestLine("GET /v2/cache")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode cache(@Param("token") String token);

    /** {@code PUT /v2/cache/{id}}; path values encoded by PathSegment. */
    @RequestLine("PUT")
    @Headers("X-Auth-Token: {token}")
    void queueForCache(URI url, @Param("token") String token);

    /** {@code DELETE /v2/cache/{id}}; path values encoded by PathSegment. */
    @RequestLine("DELETE")
    @Headers("X-Auth-Token: {token}")
    void removeFromCache(URI url, @Param("token") String token);

    @RequestLine("DELETE /v2/cache")
    @Headers({"X-Auth-Token: {token}", "x-image-cache-clear-target: {target}"})
    void clearCache(@Param("token") String token, @Param("target") String target);

    @RequestLine("GET /v2/metadefs/namespaces")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode metadefNamespaces(@Param("token") String token);
}
