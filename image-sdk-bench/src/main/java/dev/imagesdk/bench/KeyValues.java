package dev.imagesdk.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one-line {@code TAG k=v k=v} protocol between the driver and its child JVMs. */
final class KeyValues {
    private KeyValues() {
    }

    static String format(String tag, Map<String, ?> values) {
        StringBuilder sb = new StringBuilder(tag);
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(String.valueOf(v).replace(' ', '_')));
        return sb.toString();
    }

    /** Parses a line starting with {@code tag}; null if the line is something else. */
    static Map<String, String> parse(String tag, String line) {
        if (line == null || !line.startsWith(tag + " ")) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : line.substring(tag.length() + 1).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }
}
