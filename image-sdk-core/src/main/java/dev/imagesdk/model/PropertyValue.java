package dev.imagesdk.model;

/**
 * A custom property name and its value as stored by Glance (always a string in the image API). Create
 * typed ones through {@link ImageProperties} or {@link ImageProperty#value(Object)}; free-form ones with
 * {@link #of(String, String)}.
 *
 * @param name the property name
 * @param value the stored string value
 */
public record PropertyValue(String name, String value) {

    /**
     * Validates the name (see {@link ImageSpec} for the rules) and value.
     *
     * @param name the property name
     * @param value the stored string value
     * @throws dev.imagesdk.exception.InvalidInputException if the name is reserved or malformed, or the
     *         value is null or too long
     */
    public PropertyValue {
        PropertyNames.check(name);
        PropertyNames.checkValue(name, value);
    }

    /**
     * {@return a free-form property}
     *
     * @param name the property name; must follow the naming rules in {@link ImageSpec}
     * @param value the value as Glance stores it
     */
    public static PropertyValue of(String name, String value) {
        return new PropertyValue(name, value);
    }
}
