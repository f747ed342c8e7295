package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of checking an image against a {@link PartnerImageProfile}: every violated rule, in the
 * profile's order. Compliant when the list is empty.
 *
 * @param violations the rules violated, empty when compliant
 */
public record ProfileReport(List<Violation> violations) {

    /**
     * One violated rule.
     *
     * @param rule the rule's identifier (e.g. {@code DISK_FORMAT_QCOW2})
     * @param field the field or property checked (e.g. {@code disk_format})
     * @param value the value found, or null when missing
     * @param message what the rule requires
     */
    public record Violation(PartnerImageProfile.Rule rule, String field, String value, String message) {
        @Override
        public String toString() {
            return rule + ": " + field + " " + (value == null ? "is missing" : "is '" + value + "'") + "; " + message;
        }
    }

    /**
     * Copies the violations.
     *
     * @param violations the rules violated, empty when compliant
     * @throws NullPointerException if violations is null
     */
    public ProfileReport {
        violations = List.copyOf(violations);
    }

    /** {@return {@code true} if no rule is violated} */
    public boolean isCompliant() {
        return violations.isEmpty();
    }

    /**
     * {@return {@code true} if {@code rule} is among the violations}
     *
     * @param rule the rule to look for
     */
    public boolean violates(PartnerImageProfile.Rule rule) {
        return violations.stream().anyMatch(v -> v.rule() == rule);
    }

    /**
     * Throws if any rule is violated.
     *
     * @throws InvalidInputException naming the first violated field and value; the message lists every
     *         violation
     */
    public void throwIfViolated() {
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            throw new InvalidInputException(first.field(), first.value(), "the image does not meet the partner-image "
                    + "profile: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
    }

    @Override
    public String toString() {
        return isCompliant() ? "compliant" : violations.stream().map(Violation::toString)
                .collect(Collectors.joining("\n"));
    }
}
