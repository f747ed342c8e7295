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
    LIST_IMAGES,
    SHOW_IMAGE,
    /** v2 {@code PATCH}; a v1 {@code PUT /v1/images/{id}} without data (headers only). */
    UPDATE_IMAGE,
    DELETE_IMAGE,
    /** {@code PUT /v2/images/{id}/file}; in v1, a {@code PUT /v1/images/{id}} that carries data. */
    UPLOAD,
    /** {@code GET /v2/images/{id}/file}; in v1, {@code GET /v1/images/{id}}. */
    DOWNLOAD,
    STAGE,
    IMPORT,
    /** Deactivate and reactivate. */
    ACTION,
    TAG,
    MEMBER,
    TASK,
    SCHEMA,
    /** {@code /v2/metadefs/*}. */
    METADEF,
    /** {@code /v2/info/*}, stores and cache. */
    DISCOVERY,
    ANY
}
