package dev.imagesdk.v1.internal;

import dev.imagesdk.v1.ImageServiceV1;

/** The transfer contract over the self-contained {@link UrlConnectionV1Http} binding. */
class V1TransferSeamTest extends V1TransferContract {
    @Override
    ImageServiceV1 open(MiniV1Server server) {
        return V1ImageService.create(server.v1Root(), () -> "token");
    }
}
