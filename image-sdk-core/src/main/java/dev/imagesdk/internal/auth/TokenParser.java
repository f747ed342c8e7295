package dev.imagesdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.config.Interface;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.ImageSdkClientException;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads Keystone v3 and v2.0 token responses into a {@link Token}. */
final class TokenParser {

    private TokenParser() {
    }

    static Token v3(String tokenValue, JsonNode body) {
        if (tokenValue == null || tokenValue.isBlank()) {
            throw new ImageSdkClientException("Keystone v3 answered without an X-Subject-Token header");
        }
        JsonNode token = body.path("token");
        List<ServiceCatalog.Endpoint> endpoints = new ArrayList<>();
        for (JsonNode service : token.path("catalog")) {
            String type = service.path("type").asText(null);
            String name = service.path("name").asText(null);
            if (type == null) {
                continue;
            }
            for (JsonNode ep : service.path("endpoints")) {
                String url = ep.path("url").asText(null);
                String iface = ep.path("interface").asText(null);
                if (url == null || iface == null) {
                    continue;
                }
                String region = ep.hasNonNull("region_id") ? ep.get("region_id").asText() : ep.path("region").asText(null);
                add(endpoints, type, name, iface, region, url);
            }
        }
        String projectId = token.path("project").path("id").asText(null);
        return new Token(tokenValue, expiry(token.path("expires_at").asText(null)), ServiceCatalog.of(endpoints), projectId);
    }

    static Token v2(JsonNode body) {
        JsonNode access = body.path("access");
        String value = access.path("token").path("id").asText(null);
        if (value == null || value.isBlank()) {
            throw new ImageSdkClientException("Keystone v2.0 answered without access.token.id");
        }
        List<ServiceCatalog.Endpoint> endpoints = new ArrayList<>();
        for (JsonNode service : access.path("serviceCatalog")) {
            String type = service.path("type").asText(null);
            String name = service.path("name").asText(null);
            if (type == null) {
                continue;
            }
            for (JsonNode ep : service.path("endpoints")) {
                String region = ep.path("region").asText(null);
                for (Interface i : Interface.values()) {
                    String url = ep.path(i.keystoneName() + "URL").asText(null);
                    if (url != null) {
                        add(endpoints, type, name, i.keystoneName(), region, url);
                    }
                }
            }
        }
        String tenantId = access.path("token").path("tenant").path("id").asText(null);
        return new Token(value, expiry(access.path("token").path("expires").asText(null)),
                ServiceCatalog.of(endpoints), tenantId);
    }

    private static void add(List<ServiceCatalog.Endpoint> list, String type, String name, String iface,
                            String region, String url) {
        Interface parsed;
        try {
            parsed = Interface.parse(iface, "catalog interface");
        } catch (ConfigurationException e) {
            return; // an interface we do not use
        }
        try {
            list.add(new ServiceCatalog.Endpoint(type, name, parsed, region, URI.create(url.trim())));
        } catch (IllegalArgumentException e) {
            // a malformed URL in the catalog makes only that endpoint unusable
        }
    }

    /** Keystone writes "2026-11-23T19:38:14.000000Z"; some v2.0 servers omit the zone (UTC). */
    static Instant expiry(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
