package dev.imagesdk.identity;

import java.util.Objects;

/**
 * A Keystone project (a tenant in Keystone v2.0).
 *
 * @param id the project id, as image owners and members name it
 * @param name the project name (unique within its domain)
 * @param domainId the id of its domain; null when Keystone did not say (v2.0)
 */
public record Project(String id, String name, String domainId) {
    /**
     * Checks that id and name are present.
     *
     * @param id the project id, as image owners and members name it
     * @param name the project name (unique within its domain)
     * @param domainId the id of its domain; null when Keystone did not say (v2.0)
     */
    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
