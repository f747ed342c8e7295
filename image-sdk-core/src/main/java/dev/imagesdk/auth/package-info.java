/**
 * Authentication: the credentials an {@link dev.imagesdk.ImageService} authenticates with
 * ({@link dev.imagesdk.auth.AuthMethod}), the {@link dev.imagesdk.auth.Token} and
 * {@link dev.imagesdk.auth.ServiceCatalog} Keystone returns, and the
 * {@link dev.imagesdk.auth.TokenProvider} that keeps a token fresh. No type here shows a secret in its
 * {@code toString()}.
 */
package dev.imagesdk.auth;
