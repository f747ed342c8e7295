package dev.imagesdk.reliability.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Found by the fault matrix (seeds 5 and 6): when the upload failed and the service also refused the
 * cleanup delete (500, or 429 beyond the retry budget), the image stayed behind and the exception did
 * not say which one (with a generated id the caller cannot know it).
 */
@ExtendWith(FakeGlanceExtension.class)
class CreateAndUploadSilentLeftoverWhenCleanupRefusedTest {

    private static ImageSdkException failWithRefusedCleanup(FakeGlance fake, ApiVersion version, String id) {
        Operation dataOp = version == ApiVersion.V2 ? Operation.UPLOAD : Operation.CREATE_IMAGE;
        try (ImageService images = Clients.of(fake, version)) {
            fake.inject(dataOp, Fault.dropConnectionMidUpload(10).always());
            if (version == ApiVersion.V1) {
                // v1 retries a replayable create-with-data by continuing with a PUT of the data (UPLOAD in the fake).
                fake.inject(Operation.UPLOAD, Fault.dropConnectionMidUpload(10).always());
            }
            fake.inject(Operation.DELETE_IMAGE, Fault.internalError(1));
            ImageSpec.Builder spec = ImageSpec.builder().name("left").diskFormat(DiskFormat.RAW)
                    .containerFormat(ContainerFormat.BARE);
            if (id != null) {
                spec.id(id);
            }
            try {
                images.createAndUpload(spec.build(), ImageData.fromBytes(new byte[100_000]), TransferListener.NONE);
            } catch (ImageSdkException e) {
                return e;
            }
            throw new AssertionError("createAndUpload succeeded");
        }
    }

    private static void assertNamesTheLeftover(ImageSdkException e, String id) {
        assertThat(e.getSuppressed()).anySatisfy(s -> {
            assertThat(s).isInstanceOf(ImageSdkClientException.class);
            assertThat(s.getMessage()).contains(id).contains("left behind");
        });
    }

    @Test
    void v2ExceptionNamesTheImageLeftBehindWhenTheCleanupDeleteIsRefused(FakeGlance fake) {
        String id = UUID.randomUUID().toString();
        ImageSdkException e = failWithRefusedCleanup(fake, ApiVersion.V2, id);
        assertThat(fake.image(id)).isPresent();
        assertNamesTheLeftover(e, id);
    }

    @Test
    void v1ExceptionNamesTheImageLeftBehindWhenTheCleanupDeleteIsRefused(FakeGlance fake) {
        String id = UUID.randomUUID().toString();
        ImageSdkException e = failWithRefusedCleanup(fake, ApiVersion.V1, id);
        assertThat(fake.image(id)).isPresent();
        assertNamesTheLeftover(e, id);
    }

    @Test
    void v2GeneratedIdIsNamedToo(FakeGlance fake) {
        ImageSdkException e = failWithRefusedCleanup(fake, ApiVersion.V2, null);
        List<java.util.Map<String, Object>> left = fake.images();
        assertThat(left).hasSize(1);
        assertNamesTheLeftover(e, (String) left.get(0).get("id"));
    }
}
