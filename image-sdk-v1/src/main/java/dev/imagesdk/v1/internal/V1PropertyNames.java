package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.InvalidInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which custom property names API v1 can carry faithfully. A property travels in a header name
 * ({@code x-image-meta-property-<name>}); Glance lower-cases header names and turns {@code -} into
 * {@code _} before storing the property, and a header name can only hold HTTP token characters. A name
 * the service would store differently, or that cannot be a header name at all, is refused with a report
 * of every such name and what v1 would have made of it, instead of being silently changed.
 */
final class V1PropertyNames {

    /** Prefix of every custom property header. */
    static final String PREFIX = "x-image-meta-property-";

    /**
     * One name v1 cannot carry as it is.
     *
     * @param name the name as the caller wrote it
     * @param storedAs what Glance would store instead, or null if it cannot be sent at all
     * @param reason why
     */
    record Issue(String name, String storedAs, String reason) {
        @Override
        public String toString() {
            return "'" + name + "' " + reason + (storedAs == null ? "" : " (Glance would store it as '" + storedAs + "')");
        }
    }

    private V1PropertyNames() {
    }

    /** The problem with one name, or null if v1 carries it faithfully. */
    static Issue issue(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return new Issue(name, null, "contains '" + name.charAt(i) + "', which cannot appear in an HTTP "
                        + "header name");
            }
        }
        if (V1HeaderValues.looksEncoded(name)) {
            // property header names are percent-decoded when read, so this one would come back changed
            return new Issue(name, null, "looks percent-encoded ('%' and two hex digits), and would read back "
                    + "as '" + V1HeaderValues.decode(name) + "'");
        }
        String stored = name.toLowerCase(Locale.ROOT).replace('-', '_');
        if (stored.equals(name)) {
            return null;
        }
        boolean upper = !name.toLowerCase(Locale.ROOT).equals(name);
        boolean dash = name.indexOf('-') >= 0;
        String why = upper && dash ? "has upper-case letters and '-'" : upper ? "has upper-case letters" : "has '-'";
        return new Issue(name, stored, why + ", which API v1 does not keep");
    }

    /** Every problem among {@code names}, in their order. */
    static List<Issue> report(Collection<String> names) {
        List<Issue> issues = new ArrayList<>();
        for (String n : names) {
            Issue issue = issue(n);
            if (issue != null) {
                issues.add(issue);
            }
        }
        return issues;
    }

    /**
     * Refuses names v1 cannot carry.
     *
     * @throws InvalidInputException naming the first such property; the message lists all of them
     */
    static void check(Collection<String> names) {
        List<Issue> issues = report(names);
        if (!issues.isEmpty()) {
            throw new InvalidInputException("property name", issues.get(0).name(),
                    "API v1 cannot carry " + (issues.size() == 1 ? "this property name" : issues.size()
                            + " of the property names") + " faithfully: " + issues.stream().map(Issue::toString)
                            .collect(Collectors.joining("; ")) + ". Use lower-case names with '_' instead of '-', "
                            + "or API v2");
        }
    }

    /** The header carrying a property. */
    static String header(String name) {
        return PREFIX + name;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
