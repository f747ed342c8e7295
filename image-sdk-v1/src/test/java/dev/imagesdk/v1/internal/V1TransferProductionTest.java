package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.v1.ImageServiceV1;

import java.time.Duration;

/**
 * The transfer contract over the production binding ({@link ContextV1Http}: the core's call executor and
 * streaming engine), built the way users build it.
 */
class V1TransferProductionTest extends V1TransferContract {
    @Override
    ImageServiceV1 open(MiniV1Server server) {
        String root = server.v1Root().toString();
        return (ImageServiceV1) ImageService.builder().config(ClientConfig.builder()
                .auth(new AuthMethod.StaticToken("token"))
                .imageEndpoint(root.substring(0, root.length() - "/v1".length()))
                .apiVersion(ApiVersion.V1)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .build()).build();
    }
}
