package dev.imagesdk.fake;

import java.util.Objects;

/**
 * A user of the fake Keystone: name, password, its one project, and whether it has the admin
 * role. The password never appears in {@link #toString()}.
 */
public record FakeUser(String name, String password, String project, boolean admin) {
    /**
     * Creates a user.
     *
     * @param name the user name
     * @param password the password (never printed)
     * @param project the name of its one project
     * @param admin whether it has the admin role
     * @throws NullPointerException if name, password or project is null
     */
    public FakeUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(project, "project");
    }

    /**
     * Parses {@code NAME:PASSWORD:PROJECT[:admin]} (the standalone jar's {@code --user}).
     *
     * @param spec the new image's attributes (name, formats, properties, ...); not null
     * @return the user
     * @throws IllegalArgumentException if the spec has fewer than three parts
     */
    public static FakeUser parse(String spec) {
        String[] p = spec.split(":", -1);
        if (p.length < 3 || p.length > 4 || p[0].isEmpty() || p[2].isEmpty()) {
            throw new IllegalArgumentException("expected NAME:PASSWORD:PROJECT[:admin], got " + p.length + " parts");
        }
        return new FakeUser(p[0], p[1], p[2], p.length == 4 && p[3].equals("admin"));
    }

    @Override
    public String toString() {
        return "FakeUser[" + name + " in " + project + (admin ? ", admin" : "") + "]";
    }
}
