package dev.imagesdk.internal.transfer;

import java.net.URL;
import java.util.Map;
import java.util.Objects;

/**
 * The data GET of one download attempt: URL and headers (with the token). The engine adds {@code Range}.
 */
public record DataRequest(URL url, Map<String, String> headers) {
    public DataRequest {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    @Override
    public String toString() { // headers hold the token: never printed
        return "DataRequest[GET " + url + "]";
    }
}
