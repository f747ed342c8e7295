package dev.imagesdk.v2.internal;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads our {@code in:} lists back the way Glance does (its {@code split_filter_value_for_quotes}: a quoted
 * value runs to the next unescaped quote and keeps backslash pairs verbatim; otherwise a value runs to the next
 * comma), after URL-decoding as the service does, to prove the encoding round-trips.
 */
class GlanceInSplitTest {

    /** An independent reimplementation of Glance's documented splitting rules, for the round trip. */
    static List<String> glanceSplit(String list) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            if (list.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (list.charAt(j) != '"') {
                    if (list.charAt(j) == '\\') {
                        v.append(list.charAt(j)).append(list.charAt(j + 1));
                        j += 2;
                    } else {
                        v.append(list.charAt(j++));
                    }
                }
                out.add(v.toString());
                i = j + 1;
                if (i < list.length() && list.charAt(i) == ',') {
                    i++;
                }
            } else {
                int comma = list.indexOf(',', i);
                int end = comma < 0 ? list.length() : comma;
                out.add(list.substring(i, end));
                i = comma < 0 ? list.length() : comma + 1;
            }
        }
        return out;
    }

    private static List<String> roundTrip(String... values) {
        String wire = QueryEncoder.encode(QueryEncoder.inList("name", List.of(values)));
        String decoded = URLDecoder.decode(wire, StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("in:");
        return glanceSplit(decoded.substring(3));
    }

    @Test
    void plainValuesRoundTrip() {
        assertThat(roundTrip("page-0", "page-1")).containsExactly("page-0", "page-1");
    }

    @Test
    void valuesWithCommasRoundTrip() {
        assertThat(roundTrip("a,b", "c", "d,e,f")).containsExactly("a,b", "c", "d,e,f");
    }

    @Test
    void backslashesAndSpacesRoundTrip() {
        assertThat(roundTrip("a\\b", "x y", "a\\,b", "é")).containsExactly("a\\b", "x y", "a\\,b", "é");
    }

    @Test
    void emptyValueRoundTrips() {
        assertThat(roundTrip("", "x")).containsExactly("", "x");
    }
}
