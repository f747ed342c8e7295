package consumer;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs on the module path with only {@code requires dev.imagesdk.v2; requires dev.imagesdk.fake;}: Keystone
 * auth, version discovery, the v2 provider found through {@code provides}, an upload with checksums, a
 * listing, and the User-Agent the fake saw. Prints {@code MODULEPATH ok user-agent=...}; exits 1 otherwise.
 */
public final class ModulePathMain {

    public static void main(String[] args) {
        try (FakeGlance fake = FakeGlance.builder().start()) {
            ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                    .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                    .build();
            byte[] content = "module path".getBytes(StandardCharsets.UTF_8);
            try (ImageService images = ImageService.builder().config(config).build()) {
                Image image = images.createAndUpload(ImageSpec.builder().name("mp").diskFormat(DiskFormat.RAW)
                        .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(content),
                        TransferListener.NONE);
                List<Image> listed = images.list(ImageQuery.all()).stream().toList();
                String ua = fake.requests().stream().map(RecordedRequest::headers)
                        .map(h -> h.getOrDefault("user-agent", List.of()))
                        .filter(v -> !v.isEmpty()).map(v -> v.get(0))
                        .filter(v -> v.startsWith("image-sdk/")).findFirst().orElse("none");
                boolean ok = ImageStatus.ACTIVE.equals(image.status())
                        && listed.size() == 1 && ua.startsWith("image-sdk/") && !ua.equals("image-sdk/dev")
                        && ImageService.class.getModule().isNamed();
                System.out.println((ok ? "MODULEPATH ok" : "MODULEPATH FAILED") + " user-agent=" + ua
                        + " status=" + image.status() + " listed=" + listed.size()
                        + " module=" + ImageService.class.getModule().getName() + " api=" + images.getClass().getModule().getName());
                if (!ok) {
                    System.exit(1);
                }
            }
        }
    }
}
