package dev.imagesdk.fake;

/** How the fake authenticates Glance requests. */
public enum AuthMode {
    /** Tokens from the fake's own Keystone ({@code POST /v3/auth/tokens}, {@code POST /v2.0/tokens}). */
    KEYSTONE,
    /** No token needed, every caller is admin without a project (Glance's noauth); owner is null. */
    NONE,
    /** Tokens validated against an external Keystone with service credentials, as keystonemiddleware does. */
    EXTERNAL
}
