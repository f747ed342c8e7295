package dev.imagesdk.auth;

import dev.imagesdk.exception.InvalidInputException;

/**
 * How an {@link dev.imagesdk.ImageService} authenticates. Immutable values; {@code toString()} masks every
 * password, secret and token.
 *
 * <ul>
 *   <li>{@link V3Password}, {@link V3ApplicationCredential}, {@link V3Token}: Keystone v3
 *       ({@code POST /v3/auth/tokens});</li>
 *   <li>{@link V2Password}: Keystone v2.0 with {@code tenantName} ({@code POST /v2.0/tokens}), as older
 *       clouds (the seed's HP Cloud) require;</li>
 *   <li>{@link StaticToken}: a token obtained elsewhere, used as is, with an explicit image endpoint;
 *       Keystone is never called;</li>
 *   <li>{@link NoAuth}: no token at all (Glance with {@code auth_strategy = noauth}), explicit endpoint.</li>
 * </ul>
 */
public sealed interface AuthMethod permits AuthMethod.V3Password, AuthMethod.V3ApplicationCredential,
        AuthMethod.V3Token, AuthMethod.V2Password, AuthMethod.StaticToken, AuthMethod.NoAuth {

    /** {@return whether this method obtains tokens from Keystone (and so needs an auth URL)} */
    default boolean usesKeystone() {
        return !(this instanceof StaticToken) && !(this instanceof NoAuth);
    }

    /**
     * The project a v3 token is scoped to: by id, or by name within a domain (by name or id).
     * All fields may be null except that a name needs a domain.
     */
    record ProjectScope(String projectId, String projectName, String domainName, String domainId) {
        /**
         * Validates the scope.
         *
         * @param projectId the project id; this or {@code projectName} is required
         * @param projectName the project name; needs {@code domainName} or {@code domainId}
         * @param domainName the project's domain name, or null
         * @param domainId the project's domain id, or null
         * @throws InvalidInputException naming {@code project} if neither id nor name is given, or
         *         {@code project_domain_name} if a name comes without a domain
         */
        public ProjectScope {
            if (projectId == null && projectName == null) {
                throw new InvalidInputException("project", null, "a project id or a project name is required");
            }
            if (projectId == null && domainName == null && domainId == null) {
                throw new InvalidInputException("project_domain_name", null,
                        "a project name needs its domain (project_domain_name or project_domain_id)");
            }
        }

        /**
         * A scope by project id.
         *
         * @param projectId the project id
         * @return the scope
         * @throws InvalidInputException naming {@code project} if the id is null
         */
        public static ProjectScope byId(String projectId) {
            return new ProjectScope(projectId, null, null, null);
        }

        /**
         * A scope by project name within a domain named {@code domainName}.
         *
         * @param projectName the project name
         * @param domainName the project's domain name
         * @return the scope
         * @throws InvalidInputException naming {@code project} or {@code project_domain_name} if one is null
         */
        public static ProjectScope byName(String projectName, String domainName) {
            return new ProjectScope(null, projectName, domainName, null);
        }
    }

    /**
     * Keystone v3 password authentication. The user is named by id, or by name within a domain.
     *
     * @param scope the project to scope the token to; null for an unscoped token (no catalog: the
     *              image endpoint must then be configured)
     */
    record V3Password(String userId, String username, String userDomainName, String userDomainId,
                      String password, ProjectScope scope) implements AuthMethod {
        /**
         * Validates the credentials.
         *
         * @param userId the user id; this or {@code username} is required
         * @param username the user name; needs {@code userDomainName} or {@code userDomainId}
         * @param userDomainName the user's domain name, or null
         * @param userDomainId the user's domain id, or null
         * @param password the password; required, never logged
         * @param scope the project to scope the token to; null for an unscoped token
         * @throws InvalidInputException naming {@code username}, {@code user_domain_name} or {@code password} when
         *         one is missing (the password's value is never in the message)
         */
        public V3Password {
            if (userId == null && username == null) {
                throw new InvalidInputException("username", null, "a user name or user id is required");
            }
            if (userId == null && userDomainName == null && userDomainId == null) {
                throw new InvalidInputException("user_domain_name", null,
                        "a user name needs its domain (user_domain_name or user_domain_id)");
            }
            requireSecret("password", password);
        }

        /**
         * A user and a project, both by name, both in {@code domainName}.
         *
         * @param username the user name
         * @param password the password
         * @param domainName the domain of the user and of the project
         * @param projectName the project to scope the token to
         * @return the method
         * @throws InvalidInputException naming the first missing value
         */
        public static V3Password of(String username, String password, String domainName, String projectName) {
            return new V3Password(null, username, domainName, null, password,
                    ProjectScope.byName(projectName, domainName));
        }

        @Override
        public String toString() {
            return "V3Password{userId=" + userId + ", username=" + username + ", userDomainName=" + userDomainName
                    + ", userDomainId=" + userDomainId + ", password=***, scope=" + scope + '}';
        }
    }

    /** Keystone v3 application credential (already scoped to its project). */
    record V3ApplicationCredential(String id, String secret) implements AuthMethod {
        /**
         * Validates the credential.
         *
         * @param id the application credential id; not blank
         * @param secret the application credential secret; not blank, never logged
         * @throws InvalidInputException naming {@code application_credential_id} or
         *         {@code application_credential_secret} when one is missing or blank
         */
        public V3ApplicationCredential {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("application_credential_id", id, "is required");
            }
            requireSecret("application_credential_secret", secret);
        }

        @Override
        public String toString() {
            return "V3ApplicationCredential{id=" + id + ", secret=***}";
        }
    }

    /** Keystone v3 token authentication: exchanges an existing token for a (re)scoped one. */
    record V3Token(String token, ProjectScope scope) implements AuthMethod {
        /**
         * Validates the token.
         *
         * @param token an existing Keystone token; not blank, never logged
         * @param scope the project to scope the new token to, or null
         * @throws InvalidInputException naming {@code token} when it is missing or blank
         */
        public V3Token {
            requireSecret("token", token);
        }

        @Override
        public String toString() {
            return "V3Token{token=***, scope=" + scope + '}';
        }
    }

    /** Keystone v2.0 password authentication with a tenant (project) name or id. */
    record V2Password(String username, String password, String tenantName, String tenantId) implements AuthMethod {
        /**
         * Validates the credentials.
         *
         * @param username the user name; not blank
         * @param password the password; not blank, never logged
         * @param tenantName the tenant (project) name, or null
         * @param tenantId the tenant (project) id, or null
         * @throws InvalidInputException naming {@code username} or {@code password} when one is missing or blank
         */
        public V2Password {
            if (username == null || username.isBlank()) {
                throw new InvalidInputException("username", username, "is required");
            }
            requireSecret("password", password);
        }

        @Override
        public String toString() {
            return "V2Password{username=" + username + ", password=***, tenantName=" + tenantName
                    + ", tenantId=" + tenantId + '}';
        }
    }

    /** A token used as is; it is never renewed, so a 401 is final. Requires an explicit image endpoint. */
    record StaticToken(String token) implements AuthMethod {
        /**
         * Validates the token.
         *
         * @param token the token sent as {@code X-Auth-Token}; not blank, never logged
         * @throws InvalidInputException naming {@code token} when it is missing or blank
         */
        public StaticToken {
            requireSecret("token", token);
        }

        @Override
        public String toString() {
            return "StaticToken{token=***}";
        }
    }

    /** No authentication. Requires an explicit image endpoint. */
    record NoAuth() implements AuthMethod {
    }

    private static void requireSecret(String field, String value) {
        if (value == null || value.isEmpty()) {
            // The value is never shown: it is missing anyway, or a secret.
            throw new InvalidInputException(field, null, "is required");
        }
    }
}
