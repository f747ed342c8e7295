package dev.imagesdk.identity;

import dev.imagesdk.exception.InvalidInputException;

import java.util.Objects;

/**
 * A project given by id, or by name for the SDK to look up in Keystone ({@link Identity#resolve(ProjectRef)}).
 * Immutable.
 */
public final class ProjectRef {

    private final String id;
    private final String name;

    private ProjectRef(String id, String name) {
        this.id = id;
        this.name = name;
    }

    /**
     * {@return a project by its id (used as given, no Keystone call)}
     *
     * @param id the project id; not blank
     * @throws InvalidInputException if the id is null or blank
     */
    public static ProjectRef byId(String id) {
        return new ProjectRef(check("projectId", id), null);
    }

    /**
     * {@return a project by its name, looked up when used}
     *
     * @param name the project name; not blank
     * @throws InvalidInputException if the name is null or blank
     */
    public static ProjectRef byName(String name) {
        return new ProjectRef(null, check("projectName", name));
    }

    private static String check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, value, "must not be blank");
        }
        return value;
    }

    /** {@return the id, when given by id} */
    public java.util.Optional<String> id() {
        return java.util.Optional.ofNullable(id);
    }

    /** {@return the name, when given by name} */
    public java.util.Optional<String> name() {
        return java.util.Optional.ofNullable(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectRef r && Objects.equals(id, r.id) && Objects.equals(name, r.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }

    @Override
    public String toString() {
        return id != null ? "ProjectRef{id=" + id + '}' : "ProjectRef{name=" + name + '}';
    }
}
