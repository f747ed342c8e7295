package dev.imagesdk.testsupport;

import java.time.Instant;

/** Keystone token responses shaped like the real ones in reference/glance-v2-http-samples.md §1. */
public final class KeystoneFixtures {

    public static final String TOKEN_1 = "gAAAAABrA0Sm-first-token-value-0123456789";
    public static final String TOKEN_2 = "gAAAAABrA0Sm-second-token-value-9876543210";

    private KeystoneFixtures() {
    }

    /** A v3 token body whose image endpoints are {@code imageUrl} in RegionOne (public, internal) and {@code otherUrl} in RegionTwo. */
    public static String v3Body(Instant expiresAt, String imageUrl, String otherUrl) {
        return "{\"token\": {\"methods\": [\"password\"],"
                + "\"user\": {\"domain\": {\"id\": \"default\", \"name\": \"Default\"}, \"id\": \"u1\", \"name\": \"demo\"},"
                + "\"expires_at\": \"" + keystoneTime(expiresAt) + "\","
                + "\"issued_at\": \"2026-11-22T19:38:14.000000Z\","
                + "\"project\": {\"domain\": {\"id\": \"default\", \"name\": \"Default\"}, \"id\": \"p1\", \"name\": \"demo\"},"
                + "\"catalog\": ["
                + "{\"endpoints\": [{\"id\": \"k1\", \"interface\": \"public\", \"region_id\": \"RegionOne\", \"url\": \"http://127.0.0.1:5000/v3\", \"region\": \"RegionOne\"}],"
                + " \"id\": \"ks\", \"type\": \"identity\", \"name\": \"keystone\"},"
                + "{\"endpoints\": ["
                + "{\"id\": \"i1\", \"interface\": \"public\", \"region_id\": \"RegionOne\", \"url\": \"" + imageUrl + "\", \"region\": \"RegionOne\"},"
                + "{\"id\": \"i2\", \"interface\": \"internal\", \"region_id\": \"RegionOne\", \"url\": \"" + imageUrl + "/internal\", \"region\": \"RegionOne\"},"
                + "{\"id\": \"i3\", \"interface\": \"public\", \"region_id\": \"RegionTwo\", \"url\": \"" + otherUrl + "\", \"region\": \"RegionTwo\"}"
                + "], \"id\": \"gl\", \"type\": \"image\", \"name\": \"glance\"}"
                + "]}}";
    }

    /** A v2.0 access body (the seed's HP Cloud shape) with one image endpoint in {@code region}. */
    public static String v2Body(String tokenId, Instant expiresAt, String region, String imageUrl) {
        return "{\"access\": {\"token\": {\"expires\": \"" + expiresAt.toString() + "\", \"id\": \"" + tokenId + "\","
                + "\"tenant\": {\"id\": \"12345678\", \"name\": \"jane.smith@example.com\"}},"
                + "\"serviceCatalog\": [{\"name\": \"Image Management\", \"type\": \"image\", \"endpoints\": ["
                + "{\"region\": \"" + region + "\", \"publicURL\": \"" + imageUrl + "\", \"internalURL\": \"" + imageUrl + "/int\"}]}],"
                + "\"user\": {\"id\": \"u1\", \"name\": \"me@example.com\"}}}";
    }

    /** The version document Glance answers {@code GET /} with (300 Multiple Choices). */
    public static String versionsBody(String root) {
        return "{\"versions\": ["
                + "{\"id\": \"v2.16\", \"status\": \"CURRENT\", \"links\": [{\"rel\": \"self\", \"href\": \"" + root + "/v2/\"}]},"
                + "{\"id\": \"v2.15\", \"status\": \"SUPPORTED\", \"links\": [{\"rel\": \"self\", \"href\": \"" + root + "/v2/\"}]},"
                + "{\"id\": \"v2.0\", \"status\": \"SUPPORTED\", \"links\": [{\"rel\": \"self\", \"href\": \"" + root + "/v2/\"}]},"
                + "{\"id\": \"v1.1\", \"status\": \"DEPRECATED\", \"links\": [{\"rel\": \"self\", \"href\": \"" + root + "/v1/\"}]},"
                + "{\"id\": \"v1.0\", \"status\": \"DEPRECATED\", \"links\": [{\"rel\": \"self\", \"href\": \"" + root + "/v1/\"}]}"
                + "]}";
    }

    /** Keystone's timestamp format, microseconds and a Z. */
    public static String keystoneTime(Instant t) {
        return t.toString().replace("Z", "").replaceAll("\\.\\d+$", "") + ".000000Z";
    }
}
