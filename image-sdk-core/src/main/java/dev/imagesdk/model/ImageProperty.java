package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed custom image property: its wire name and how its string value converts to and from {@code T}.
 * Constants for the properties Glance and the seed documents name are in {@link ImageProperties}; read one
 * from an image with {@link Image#property(ImageProperty)}.
 *
 * @param <T> the Java type of the value
 */
public final class ImageProperty<T> {
    private final String name;
    private final Function<String, T> parser;
    private final Function<T, String> writer;

    private ImageProperty(String name, Function<String, T> parser, Function<T, String> writer) {
        this.name = name;
        this.parser = parser;
        this.writer = writer;
    }

    /**
     * Defines a typed property.
     *
     * @param <T> the property's value type
     * @param name the property name as stored by Glance; must follow the naming rules of {@link ImageSpec}
     * @param parser converts the stored string; throws {@link InvalidInputException} for a bad value; not null
     * @param writer converts a value to the stored string; may throw {@link InvalidInputException}; not null
     * @return the property
     * @throws InvalidInputException naming {@code property name} if {@code name} is empty, too long, an image
     *         attribute or reserved (see {@link ImageSpec})
     * @throws NullPointerException if {@code parser} or {@code writer} is null
     */
    public static <T> ImageProperty<T> of(String name, Function<String, T> parser, Function<T, String> writer) {
        PropertyNames.check(name);
        return new ImageProperty<>(name, Objects.requireNonNull(parser), Objects.requireNonNull(writer));
    }

    /**
     * {@return a free-form string property}
     *
     * @param name the property name as Glance stores it
     */
    public static ImageProperty<String> ofString(String name) {
        return of(name, Function.identity(), Function.identity());
    }

    /** {@return the property name as Glance stores it} */
    public String name() {
        return name;
    }

    /**
     * Converts a stored value.
     *
     * @param raw the value as Glance stores it
     * @return the typed value
     * @throws InvalidInputException naming this property if {@code raw} is malformed for its type
     */
    public T parse(String raw) {
        return parser.apply(raw);
    }

    /**
     * {@return a name/value pair for this property, ready for {@link ImageSpec.Builder#property(PropertyValue)} or
     * {@link ImageUpdate.Builder#property(PropertyValue)}}
     *
     * @param value the typed value to write
     * @throws InvalidInputException if the value is not acceptable for this property
     */
    public PropertyValue value(T value) {
        if (value == null) {
            throw new InvalidInputException(name, null, "a value is required (use a remove to drop the property)");
        }
        return new PropertyValue(name, writer.apply(value));
    }

    @Override
    public String toString() {
        return name;
    }
}
