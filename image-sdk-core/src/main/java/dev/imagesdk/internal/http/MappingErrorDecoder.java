package dev.imagesdk.internal.http;

import feign.Response;
import feign.codec.ErrorDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Feign's error decoder, delegating to the shared {@link ErrorMapper}. */
final class MappingErrorDecoder implements ErrorDecoder {

    private final ErrorMapper mapper;

    MappingErrorDecoder(ErrorMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, Collection<String>> e : response.headers().entrySet()) {
            headers.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        byte[] body = null;
        if (response.body() != null) {
            try (InputStream in = response.body().asInputStream()) {
                body = in.readNBytes(ErrorMapper.MAX_ERROR_BODY);
            } catch (IOException e) {
                body = null; // the status alone still maps to the right exception
            }
        }
        return mapper.map(response.status(), headers, body);
    }
}
