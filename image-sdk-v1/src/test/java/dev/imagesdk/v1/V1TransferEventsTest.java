package dev.imagesdk.v1;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** On API v1 too, uploads and downloads report their bytes and checksum results to the listener. */
class V1TransferEventsTest {

    @Test
    void uploadAndDownloadReportBytesAndVerification() {
        List<String> events = new CopyOnWriteArrayList<>();
        ImageServiceListener listener = new ImageServiceListener() {
            @Override
            public void transferBytes(CallInfo call, long bytes, Duration elapsed) {
                events.add(call.operation().split(" ")[0] + " bytes " + bytes);
            }

            @Override
            public void verification(CallInfo call, boolean verified) {
                events.add(call.operation().split(" ")[0] + " verified " + verified);
            }
        };
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        try (FakeGlance fake = FakeGlance.builder().advertiseV1(true).start()) {
            ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                    .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                    .apiVersion(ApiVersion.V1).build();
            try (ImageService images = ImageService.builder().config(config).listener(listener).build()) {
                String id = images.create(ImageSpec.builder().name("v1-events").diskFormat(DiskFormat.RAW)
                        .containerFormat(ContainerFormat.BARE).build()).id();
                images.upload(id, ImageData.fromBytes(data));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                images.download(id).toOutputStream(out);

                assertThat(out.toByteArray()).isEqualTo(data);
                assertThat(events).containsExactly("v1 bytes 200000", "v1 verified true",
                        "download bytes 200000", "download verified true");
            }
        }
    }
}
