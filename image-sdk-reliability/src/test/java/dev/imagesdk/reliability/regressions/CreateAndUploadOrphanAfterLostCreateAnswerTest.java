package dev.imagesdk.reliability.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Found by the fault matrix (seed 2): the first create POST succeeded but its answer was cut, the retry
 * got 409 and reading the image back failed with 500, so {@code create} failed and createAndUpload threw
 * without deleting the image the first POST had made.
 */
@ExtendWith(FakeGlanceExtension.class)
class CreateAndUploadOrphanAfterLostCreateAnswerTest {

    private static ImageSpec spec(String id) {
        return ImageSpec.builder().id(id).name("orphan?").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build();
    }

    @Test
    void v2CreateAndUploadDeletesTheImageWhenCreateFailsAfterTheServiceCreatedIt(FakeGlance fake) {
        try (ImageService images = Clients.of(fake, ApiVersion.V2)) {
            String id = UUID.randomUUID().toString();
            fake.inject(Operation.CREATE_IMAGE, Fault.truncatedBody());
            fake.inject(Operation.SHOW_IMAGE, Fault.internalError(1));

            assertThatThrownBy(() -> images.createAndUpload(spec(id), ImageData.fromBytes(new byte[] {1, 2, 3}),
                    TransferListener.NONE)).isInstanceOf(ImageServiceException.class);

            assertThat(fake.image(id).map(m -> m.get("status"))).isEmpty();
        }
    }

    @Test
    void v2CreateAndUploadKeepsItWhenAskedTo(FakeGlance fake) {
        try (ImageService images = Clients.of(fake, ApiVersion.V2)) {
            String id = UUID.randomUUID().toString();
            fake.inject(Operation.CREATE_IMAGE, Fault.truncatedBody());
            fake.inject(Operation.SHOW_IMAGE, Fault.internalError(1));

            assertThatThrownBy(() -> images.createAndUpload(spec(id), ImageData.fromBytes(new byte[] {1}),
                    TransferListener.NONE, true)).isInstanceOf(ImageServiceException.class);

            assertThat(fake.image(id).map(m -> m.get("status"))).contains("queued");
        }
    }

    @Test
    void v2CreateAndUploadNeverDeletesAnImageWhoseIdWasTakenBeforeIt(FakeGlance fake) {
        String theirs = fake.seedImage("demo", Map.of("name", "theirs"), null);
        try (ImageService images = Clients.of(fake, ApiVersion.V2)) {
            assertThatThrownBy(() -> images.createAndUpload(spec(theirs), ImageData.fromBytes(new byte[] {1}),
                    TransferListener.NONE)).isInstanceOf(ConflictException.class);
            assertThat(fake.image(theirs)).isPresent();
        }
    }
}
