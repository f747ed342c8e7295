package dev.imagesdk.v2;

/**
 * One quota of {@code GET /v2/info/usage} (unified limits).
 *
 * @param limit the limit, or -1 for unlimited
 * @param usage how much is used
 */
public record Usage(long limit, long usage) {
}
