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
 * <p>Error statuses are thrown by the client's error decoder as the SDK's typed exceptions, except on methods
 * returning {@link Response}, whose callers map them (they need the headers of a success).
 */
public interface GlanceV2Api {

    @RequestLine("POST /v2/images")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    Response create(@Param("token") String token, JsonNode body);

    @RequestLine("GET /v2/images/{id}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode get(@Param("token") String token, @Param("id") String id);


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

    @RequestLine("PATCH /v2/images/{id}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json",
            "Content-Type: " + JsonPatch.MEDIA_TYPE})
    JsonNode patch(@Param("token") String token, @Param("id") String id, JsonNode patch);

    @RequestLine("DELETE /v2/images/{id}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void delete(@Param("token") String token, @Param("id") String id);

    @RequestLine("PUT /v2/images/{id}/tags/{tag}")
    @Headers("X-Auth-Token: {token}")
    void addTag(@Param("token") String token, @Param("id") String id, @Param("tag") String tag);

    @RequestLine("DELETE /v2/images/{id}/tags/{tag}")
    @Headers("X-Auth-Token: {token}")
    void removeTag(@Param("token") String token, @Param("id") String id, @Param("tag") String tag);

    @RequestLine("POST /v2/images/{id}/actions/deactivate")
    @Headers("X-Auth-Token: {token}")
    void deactivate(@Param("token") String token, @Param("id") String id);

    @RequestLine("POST /v2/images/{id}/actions/reactivate")
    @Headers("X-Auth-Token: {token}")
    void reactivate(@Param("token") String token, @Param("id") String id);

    @RequestLine("GET /v2/images/{id}/members")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode members(@Param("token") String token, @Param("id") String id);

    @RequestLine("POST /v2/images/{id}/members")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode addMember(@Param("token") String token, @Param("id") String id, JsonNode body);

    @RequestLine("PUT /v2/images/{id}/members/{member}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode updateMember(@Param("token") String token, @Param("id") String id, @Param("member") String member,
                          JsonNode body);

    @RequestLine("DELETE /v2/images/{id}/members/{member}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void removeMember(@Param("token") String token, @Param("id") String id, @Param("member") String member);

    @RequestLine("POST /v2/images/{id}/import")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    void importImage(@Param("token") String token, @Param("id") String id, JsonNode body);

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

    @RequestLine("DELETE /v2/stores/{store}/{id}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    void deleteFromStore(@Param("token") String token, @Param("store") String store, @Param("id") String id);

    @RequestLine("GET /v2/images/{id}/tasks")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode imageTasks(@Param("token") String token, @Param("id") String id);

    @RequestLine("POST /v2/tasks")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    JsonNode createTask(@Param("token") String token, JsonNode body);

    @RequestLine("GET /v2/tasks/{id}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode task(@Param("token") String token, @Param("id") String id);

    @RequestLine("GET /v2/schemas/{name}")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode schema(@Param("token") String token, @Param(value = "name", encoded = true) String name);

    @RequestLine("GET /v2/images/{id}/locations")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode locations(@Param("token") String token, @Param("id") String id);

    @RequestLine("POST /v2/images/{id}/locations")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json", "Content-Type: application/json"})
    void addLocation(@Param("token") String token, @Param("id") String id, JsonNode body);

    @RequestLine("GET /v2/cache")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode cache(@Param("token") String token);

    @RequestLine("PUT /v2/cache/{id}")
    @Headers("X-Auth-Token: {token}")
    void queueForCache(@Param("token") String token, @Param("id") String id);

    @RequestLine("DELETE /v2/cache/{id}")
    @Headers("X-Auth-Token: {token}")
    void removeFromCache(@Param("token") String token, @Param("id") String id);

    @RequestLine("DELETE /v2/cache")
    @Headers({"X-Auth-Token: {token}", "x-image-cache-clear-target: {target}"})
    void clearCache(@Param("token") String token, @Param("target") String target);

    @RequestLine("GET /v2/metadefs/namespaces")
    @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
    JsonNode metadefNamespaces(@Param("token") String token);
}
