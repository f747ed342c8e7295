package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.v1.ImageServiceV1;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transfer contract over the production binding ({@link ContextV1Http}: Feign under the core's call
 * executor, the core's shared data transport), built the way users build it.
 */
class V1TransferProductionTest extends V1TransferContract {
    @Override
    ImageServiceV1 open(MiniV1Server server) {
        return open(server, UnaryOperator.identity());
    }

    private static ImageServiceV1 open(MiniV1Server server, UnaryOperator<ClientConfig.Builder> settings) {
        String root = server.v1Root().toString();
        return (ImageServiceV1) ImageService.builder().config(settings.apply(ClientConfig.builder()
                .auth(new AuthMethod.StaticToken("token"))
                .imageEndpoint(root.substring(0, root.length() - "/v1".length()))
                .apiVersion(ApiVersion.V1)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))).build()).build();
    }

    @Test
    void aCorruptUploadDeletesTheImageByDefault() {
        server.fault = MiniV1Server.Fault.WRONG_CHECKSUM;
        assertThatThrownBy(() -> images().upload(ID, ImageData.fromBytes(new byte[10])))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(server.deletes).isEqualTo(1);
    }

    @Test
    void deleteImageOnChecksumMismatchFalseLeavesTheImageForInspection() {
        server.fault = MiniV1Server.Fault.WRONG_CHECKSUM;
        try (ImageServiceV1 keeping = open(server, b -> b.deleteImageOnChecksumMismatch(false))) {
            assertThatThrownBy(() -> keeping.upload(ID, ImageData.fromBytes(new byte[10])))
                    .isInstanceOf(ChecksumMismatchException.class);
            assertThatThrownBy(() -> keeping.createWithData(ImageSpec.builder().id(ID).name("n").build(),
                    ImageData.fromBytes(new byte[10]), null)).isInstanceOf(ChecksumMismatchException.class);
        }
        assertThat(server.deletes).isZero();
    }

}
