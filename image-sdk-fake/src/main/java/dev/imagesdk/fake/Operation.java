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
    CREATE_IMAGE,
    LIST_IMAGES,
    SHOW_IMAGE,
    UPDATE_IMAGE,
    DELETE_IMAGE,
    /** {@code PUT /v2/images/{id}/file}. */
    UPLOAD,
    /** {@code GET /v2/images/{id}/file}. */
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
