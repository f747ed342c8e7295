/**
 * Internal: not for users, may change without notice. The Glance API v1 implementation behind
 * {@link dev.imagesdk.v1.ImageServiceV1}: the {@code x-image-meta-*} header codec, the list query encoder
 * and marker pager, the v1 JSON parsers and the HTTP calls.
 */
package dev.imagesdk.v1.internal;
