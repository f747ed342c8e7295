package dev.imagesdk.fake.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake Keystone's users, projects and tokens. Ids are derived from names, so they are stable
 * across runs (handy in tests and seeds).
 */
public final class Identity {
    /** A user with one project and its roles. */
    public record User(String id, String name, String password, String projectId, String projectName,
            List<String> roles) {
        public boolean admin() {
            return roles.contains("admin");
        }

        @Override
        public String toString() {
            return "User[" + name + " in " + projectName + ", roles=" + roles + "]";
        }
    }

    /** An issued token. */
    public record Token(String id, User user, Instant issuedAt, Instant expiresAt, String auditId) {
        @Override
        public String toString() {
            return "Token[user=" + user.name() + ", expires=" + expiresAt + "]";
        }
    }

    private final Map<String, User> usersByName = new ConcurrentHashMap<>();
    private final Map<String, String> projects = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** Every token id ever issued (also revoked/expired ones), for tests that look for leaks. */
    private final java.util.Set<String> issued = ConcurrentHashMap.newKeySet();
    /** Application credentials by id: the owning user and the secret. */
    private final Map<String, String[]> appCredentials = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final FakeClock clock;
    private volatile Duration tokenLifetime = Duration.ofHours(24);

    public Identity(FakeClock clock) {
        this.clock = clock;
    }

    /** Stable 32-hex id from a name, like Keystone's uuid4().hex ids look. */
    public static String idFor(String kind, String name) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((kind + ":" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public User addUser(String name, String password, String project, boolean admin) {
        String projectId = addProject(project);
        List<String> roles = admin ? List.of("admin", "member", "reader") : List.of("member", "reader");
        User u = new User(idFor("user", name), name, password, projectId, project, roles);
        usersByName.put(name, u);
        return u;
    }

    public String addProject(String name) {
        return projects.computeIfAbsent(name, n -> idFor("project", n));
    }

    public Optional<String> projectId(String name) {
        return Optional.ofNullable(projects.get(name));
    }

    public Optional<String> projectName(String id) {
        return projects.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(usersByName.get(name));
    }

    public Optional<User> userById(String id) {
        return usersByName.values().stream().filter(u -> u.id().equals(id)).findFirst();
    }

    public List<User> users() {
        return new ArrayList<>(usersByName.values());
    }

    /** Checks a password; empty if the user is unknown or the password wrong. */
    public Optional<User> authenticate(String name, String password) {
        User u = usersByName.get(name);
        if (u == null || password == null || !MessageDigest.isEqual(
                u.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(u);
    }

    /** Creates an application credential for a user; returns its id. */
    public String addApplicationCredential(String userName, String name, String secret) {
        User u = usersByName.get(userName);
        if (u == null) {
            throw new IllegalArgumentException("unknown user " + userName);
        }
        String id = idFor("appcred", userName + "/" + name);
        appCredentials.put(id, new String[] {userName, name, secret});
        return id;
    }

    /** Checks an application credential given by id, or by name and user name. */
    public Optional<User> authenticateApplicationCredential(String id, String name, String userName, String secret) {
        String[] cred = id != null ? appCredentials.get(id)
                : appCredentials.values().stream().filter(c -> c[1].equals(name) && c[0].equals(userName))
                        .findFirst().orElse(null);
        if (cred == null || secret == null || !MessageDigest.isEqual(cred[2].getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.ofNullable(usersByName.get(cred[0]));
    }

    public Token issue(User user) {
        byte[] b = new byte[135];
        random.nextBytes(b);
        String id = "gAAAAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        byte[] a = new byte[16];
        random.nextBytes(a);
        Instant now = clock.now();
        Token t = new Token(id, user, now, now.plus(tokenLifetime),
                Base64.getUrlEncoder().withoutPadding().encodeToString(a));
        tokens.put(id, t);
        issued.add(id);
        return t;
    }

    /** A token that is known and not expired. */
    public Optional<Token> validate(String tokenId) {
        if (tokenId == null) {
            return Optional.empty();
        }
        Token t = tokens.get(tokenId);
        if (t == null || !clock.now().isBefore(t.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Ids of all tokens issued so far, revoked and expired ones included. */
    public java.util.Set<String> issuedTokenIds() {
        return java.util.Set.copyOf(issued);
    }

    public void revoke(String tokenId) {
        tokens.remove(tokenId);
    }

    public void revokeAll() {
        tokens.clear();
    }

    public void tokenLifetime(Duration d) {
        tokenLifetime = d;
    }
}
