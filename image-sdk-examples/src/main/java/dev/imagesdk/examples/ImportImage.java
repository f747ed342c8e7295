package dev.imagesdk.examples;

import com.sun.net.httpserver.HttpServer;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.v2.ImageServiceV2;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.ImportRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The interoperable image import of API v2, both ways: {@code web-download} (Glance fetches a URL) and
 * {@code glance-direct} (stage the data, then import it), each followed by a waiter until {@code active}.
 *
 * <pre>
 *   ImportImage [--url URL] [--keep]
 * </pre>
 *
 * On the embedded fake the web-download source is a small HTTP server this program starts on 127.0.0.1.
 * A real cloud only fetches URLs its import filter allows: pass one with {@code --url} (the
 * {@code scripts/real-glance.sh} Glance allows {@code http://127.0.0.1:18080/...}).
 */
public final class ImportImage {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final long SIZE = 16L * 1024 * 1024;

    private ImportImage() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[] {"url"}, ImportImage::importImages));
    }

    static void importImages(ExampleEnvironment env) {
        if (env.api().filter(v -> v != ApiVersion.V2).isPresent()) {
            throw new InvalidInputException("--api", "v1", "image import exists only in API v2");
        }
        Console console = env.console();
        ImageServiceV2 images = ImageServiceV2.of(env.connect());
        console.line("Connected with image API " + images.apiVersion());
        console.detail("import methods offered: " + images.importMethods().stream()
                .map(ImportMethod::toString).collect(Collectors.joining(", ")));

        Path file = SampleImage.write(env.tempDir().resolve("import.qcow2"), SIZE, 16);
        SampleImage.Digests expected = SampleImage.digests(file);
        List<String> created = new ArrayList<>();
        HttpServer server = null;
        try {
            URI url;
            if (env.option("url").isPresent()) {
                url = URI.create(env.option("url").get());
            } else if (env.fake().isPresent()) {
                server = serve(file);
                url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/import.qcow2");
            } else {
                throw new InvalidInputException("--url", null, "a real cloud needs a URL its import filter allows");
            }

            console.step("web-download: create an image and let Glance fetch " + url);
            Image web = images.create(spec("import-web-download-demo"));
            created.add(web.id());
            images.importImage(web.id(), ImportRequest.webDownload(url));
            Image webDone = images.waitForStatus(web.id(), ImageStatus.ACTIVE, WAIT);
            console.detail(webDone.id() + " is " + webDone.status() + ", " + webDone.size() + " bytes");
            if (server != null) {
                check(webDone, expected);
            }

            console.step("glance-direct: create an image, stage the data, import it");
            Image direct = images.create(spec("import-glance-direct-demo"));
            created.add(direct.id());
            ProgressBar bar = console.progress("stage");
            images.stage(direct.id(), ImageData.fromPath(file), bar);
            bar.finish();
            console.detail("staged: " + images.get(direct.id()).status());
            images.importImage(direct.id(), ImportRequest.glanceDirect());
            Image directDone = images.waitForStatus(direct.id(), ImageStatus.ACTIVE, WAIT);
            check(directDone, expected);
            console.detail(directDone.id() + " is " + directDone.status() + ", checksums match the staged file");

            console.step("The two imports");
            console.table(Table.list(List.of(images.get(web.id()), images.get(direct.id()))));
        } finally {
            if (server != null) {
                server.stop(0);
            }
            if (env.keep()) {
                console.step("Keep the images (--keep): " + String.join(", ", created));
            } else {
                for (String id : created) {
                    images.find(id).ifPresent(i -> images.delete(i.id()));
                    console.detail("deleted " + id);
                }
            }
        }
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name)
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).build();
    }

    private static void check(Image image, SampleImage.Digests expected) {
        if (!expected.md5().equals(image.checksum())
                || ("sha512".equals(image.osHashAlgo()) && !expected.sha512().equals(image.osHashValue()))) {
            throw new ImageSdkClientException("Image " + image.id() + " does not have the checksums of the source");
        }
    }

    /** A one-file HTTP server on 127.0.0.1 (ephemeral port) for web-download to fetch from. */
    private static HttpServer serve(Path file) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/import.qcow2", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, Files.size(file));
                try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not start the web-download source: " + e.getMessage(), e);
        }
    }
}
