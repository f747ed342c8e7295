package dev.imagesdk.micrometer.internal;

/**
 * Turns the free text of events into tag values from a bounded set. Every method here is called on the hot
 * path of an event (except {@link #operation}, which runs once per new operation name) and allocates
 * nothing: it returns constants or compares in place.
 */
public final class TagValues {

    /** The value of a tag whose input was missing or could not be classified. */
    public static final String OTHER = "other";
    /** The {@code exception} tag of a successful call. */
    public static final String NONE = "none";

    /** Retry reasons that are not an HTTP status, by the words that identify them (first match wins). */
    private static final String[][] REASONS = {
            {"connection failed", "connection failed", "refused", "connectexception", "connecttimeout",
                    "noroutetohost"},
            {"connection reset", "reset"},
            {"timeout", "timed out", "timeout"},
            {"unknown host", "unknown host", "unknownhost", "unresolved"},
            {"tls", "tls", "ssl", "handshake", "certificate"},
            {"connection closed", "closed", "eof", "truncat", "premature", "broken pipe"},
    };

    /** Ids: a run of letters, digits, '-' or '_' at least this long that contains a digit. */
    private static final int MIN_ID_LENGTH = 16;

    private TagValues() {
    }

    /**
     * The HTTP status a retry reason names, if it is of the form {@code HTTP nnn} (anything may follow).
     *
     * @param reason the reason given with the retry event, may be null
     * @return the status (100-599), or -1 if the reason does not start with one
     */
    public static int httpStatus(String reason) {
        if (reason == null || reason.length() < 8 || !reason.regionMatches(true, 0, "HTTP ", 0, 5)) {
            return -1;
        }
        int status = 0;
        for (int i = 5; i < 8; i++) {
            char c = reason.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            status = status * 10 + (c - '0');
        }
        if (reason.length() > 8 && Character.isDigit(reason.charAt(8))) {
            return -1;
        }
        return status >= 100 && status <= 599 ? status : -1;
    }

    /**
     * The tag value of a retry reason that is not an HTTP status: the reason itself if it is an exception's
     * simple class name ({@code SocketTimeoutException}: Micrometer's convention for an {@code exception} tag;
     * class names are a bounded set), else its class by the words in it: {@code connection failed},
     * {@code connection reset}, {@code timeout}, {@code unknown host}, {@code tls}, {@code connection closed},
     * or {@link #OTHER}. Free text (which may name a host, a byte count or a duration) never becomes a tag value.
     *
     * @param reason the reason given with the retry event, may be null
     * @return the reason itself or one of the constants above, never null
     */
    public static String reasonCategory(String reason) {
        if (reason == null) {
            return OTHER;
        }
        if (isExceptionClassName(reason)) {
            return reason;
        }
        for (String[] category : REASONS) {
            for (int i = 1; i < category.length; i++) {
                if (containsIgnoreCase(reason, category[i])) {
                    return category[0];
                }
            }
        }
        return OTHER;
    }

    /**
     * The {@code exception} tag of a failed call: the simple name of the failure's class (its full name for an
     * anonymous class), or {@link #OTHER} if there is no failure.
     *
     * @param type the failure's class, may be null
     * @return the tag value, never null
     */
    public static String exception(Class<?> type) {
        if (type == null) {
            return OTHER;
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }

    /**
     * The {@code operation} tag for an operation name: the name with every token that looks like an id
     * (at least {@value #MIN_ID_LENGTH} letters, digits, '-' or '_', one of them a digit: a UUID, a project
     * id) replaced by {@code {id}}, so that {@code download image 9a3f...} and a v1 path with an image id
     * collapse to one value. Runs once per distinct operation name.
     *
     * @param name the operation name from the event, may be null
     * @return the tag value, never null
     */
    public static String operation(String name) {
        if (name == null || name.isEmpty()) {
            return OTHER;
        }
        StringBuilder out = null;
        int i = 0;
        int n = name.length();
        while (i < n) {
            int start = i;
            boolean digit = false;
            while (i < n && isIdChar(name.charAt(i))) {
                digit |= Character.isDigit(name.charAt(i));
                i++;
            }
            if (i - start >= MIN_ID_LENGTH && digit) {
                if (out == null) {
                    out = new StringBuilder(n).append(name, 0, start);
                }
                out.append("{id}");
            } else if (out != null) {
                out.append(name, start, i);
            }
            if (i < n) {
                if (out != null) {
                    out.append(name.charAt(i));
                }
                i++;
            }
        }
        return out == null ? name : out.toString();
    }

    /** An identifier of at most 64 characters, upper-case first, ending in {@code Exception} or {@code Error}. */
    private static boolean isExceptionClassName(String s) {
        int n = s.length();
        if (n > 64 || n < 6 || !Character.isUpperCase(s.charAt(0))
                || !(s.endsWith("Exception") || s.endsWith("Error"))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static boolean containsIgnoreCase(String text, String word) {
        int last = text.length() - word.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
