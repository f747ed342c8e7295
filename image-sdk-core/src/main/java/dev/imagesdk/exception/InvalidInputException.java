package dev.imagesdk.exception;

import dev.imagesdk.internal.log.Redactor;

import java.util.Objects;

/**
 * A value was refused on the client side, before any request was sent. The message names the field and
 * the offending value, and says what would be accepted; {@link #field()} and {@link #value()} give them to
 * code.
 *
 * <p>Thrown by every {@code build()} of the model's builders and by operations whose arguments are invalid
 * (for example an empty image id, or a property name API v1 cannot carry).
 */
public class InvalidInputException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    /** The field, parameter or property name that was refused. */
    private final String field;
    /** The refused value as text, or null when it was missing. */
    private final String value;

    /**
     * @param field the field, parameter or property name that was refused (never null)
     * @param value the refused value as text ({@code null} when the value was missing)
     * @param reason what is wrong and what is accepted, e.g. "must be at most 255 characters"
     */
    public InvalidInputException(String field, Object value, String reason) {
        super(format(field, value, reason));
        this.field = Objects.requireNonNull(field, "field");
        this.value = value == null ? null : Redactor.url(String.valueOf(value));
    }

    private static String format(String field, Object value, String reason) {
        String shown = value == null ? "null" : "'" + abbreviate(String.valueOf(value)) + "'";
        return "Invalid " + field + " " + shown + ": " + reason;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    /** {@return the name of the field, parameter or property that was refused} */
    public String field() {
        return field;
    }

    /** {@return the refused value as text (user-info of a URL masked), or {@code null} when it was missing} */
    public String value() {
        return value;
    }
}
