package dev.imagesdk.fake;

/**
 * The operations of the fake that faults can target. {@link #ANY} matches every request
 * except the {@code /_fake} control endpoints.
 */
public enum Operation {
    /** {@code GET /}, {@code GET /versions}. */
    VERSIONS,
    /** Keystone token issue and validation ({@code /v3/auth/tokens}, {@code /v2.0/tokens}). */
    TOKEN,
    /** Image create; in v1 also a {@code POST /v1/images} that carries data. */
    CREATE_IMAGE,
    /** Image list ({@code GET /v2/images}, {@code GET /v1/images[/detail]}). */
    LIST_IMAGES,
    /** Image metadata ({@code GET /v2/images/{id}}; {@code HEAD /v1/images/{id}}). */
    SHOW_IMAGE,
    /** v2 {@code PATCH}; a v1 {@code PUT /v1/images/{id}} without data (headers only). */
    UPDATE_IMAGE,
    /** Image delete, v1 and v2. */
    DELETE_IMAGE,
    /** {@code PUT /v2/images/{id}/file}; in v1, a {@code PUT /v1/images/{id}} that carries data. */
    UPLOAD,
    /** {@code GET /v2/images/{id}/file}; in v1, {@code GET /v1/images/{id}}. */
    DOWNLOAD,
    /** {@code PUT /v2/images/{id}/stage} (interoperable import, glance-direct). */
    STAGE,
    /** {@code POST /v2/images/{id}/import}. */
    IMPORT,
    /** Deactivate and reactivate. */
    ACTION,
    /** v2 image tags, add and delete. */
    TAG,
    /** Image members, v1 and v2. */
    MEMBER,
    /** v2 tasks. */
    TASK,
    /** {@code /v2/schemas/*}. */
    SCHEMA,
    /** {@code /v2/metadefs/*}. */
    METADEF,
    /** {@code /v2/info/*}, stores and cache. */
    DISCOVERY,
    /** Every request except the {@code /_fake} control endpoints. */
    ANY
}
