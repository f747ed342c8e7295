package dev.imagesdk.fake.internal.engine;

/**
 * One JSON-patch operation on an image, already parsed.
 *
 * @param op    add, remove or replace
 * @param path  the single (unescaped) path token, e.g. {@code name}
 * @param value the JSON value as String, Boolean, Number, List, Map or null
 */
public record PatchOp(String op, String path, Object value) {
}
