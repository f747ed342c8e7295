/**
 * Internal: not for users, may change without notice. The format readers behind
 * {@link dev.imagesdk.inspect.DiskImageInspector}: a forward-only bounded reader of an image's head
 * ({@link dev.imagesdk.internal.inspect.Head}) and one reader per format. The facts (offsets, magic
 * numbers, which regions matter, what is refused) follow qemu's format documentation and Glance 25's
 * {@code glance/common/format_inspector.py}; the code is our own.
 */
package dev.imagesdk.internal.inspect;
