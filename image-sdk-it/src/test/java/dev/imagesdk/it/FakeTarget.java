package dev.imagesdk.it;

import com.sun.net.httpserver.HttpServer;
import dev.imagesdk.fake.FakeGlance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fake Glance on an ephemeral loopback port, plus a tiny file server for web-download. */
final class FakeTarget implements Target {

    private final FakeGlance fake;
    private final HttpServer files;
    private final Map<String, byte[]> published = new ConcurrentHashMap<>();

    FakeTarget(boolean advertiseV1) {
        fake = FakeGlance.builder().advertiseV1(advertiseV1).start();
        try {
            files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            fake.close();
            throw new UncheckedIOException(e);
        }
        files.createContext("/", exchange -> {
            byte[] body = published.get(exchange.getRequestURI().getPath().substring(1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        files.start();
    }

    FakeGlance fake() {
        return fake;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Map<String, String> environment(String user) {
        return Map.of("OS_AUTH_URL", fake.keystoneUrl().toString(), "OS_USERNAME", user, "OS_PASSWORD", user,
                "OS_PROJECT_NAME", user, "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                "OS_REGION_NAME", "RegionOne", "OS_IDENTITY_API_VERSION", "3");
    }

    @Override
    public URI glanceUrl() {
        return fake.url();
    }

    @Override
    public URI publish(String name, byte[] data) {
        published.put(name, data);
        return URI.create("http://127.0.0.1:" + files.getAddress().getPort() + "/" + name);
    }

    @Override
    public void close() {
        files.stop(0);
        fake.close();
    }
}
