package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.util.regex.Pattern;

/** Field rules shared by the builders. Messages name the field and the value. */
final class Validation {
    static final int MAX_NAME = 255;
    static final int MAX_TAG = 255;
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Validation() {
    }

    static String imageId(String field, String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new InvalidInputException(field, id, "must be a UUID such as 9a3f2c4e-8d1b-4c7a-9e2f-0b5d6c7e8f90");
        }
        return id;
    }

    static String name(String name) {
        if (name != null && name.length() > MAX_NAME) {
            throw new InvalidInputException("name", name, "must be at most " + MAX_NAME + " characters (is "
                    + name.length() + ")");
        }
        if (name != null && name.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new InvalidInputException("name", name, "must not contain control characters");
        }
        return name;
    }

    static Integer nonNegative(String field, Integer value) {
        if (value != null && value < 0) {
            throw new InvalidInputException(field, value, "must be >= 0");
        }
        return value;
    }

    static String tag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidInputException("tag", tag, "must not be empty");
        }
        if (tag.length() > MAX_TAG) {
            throw new InvalidInputException("tag", tag, "must be at most " + MAX_TAG + " characters");
        }
        if (tag.indexOf('/') >= 0 || tag.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("tag", tag, "must not contain '/' or control characters");
        }
        return tag;
    }

    static Visibility visibility(Visibility v) {
        if (Visibility.ALL.equals(v)) {
            throw new InvalidInputException("visibility", v, "'all' is only a list filter; use public, private, "
                    + "shared or community");
        }
        return v;
    }
}
