package dev.imagesdk.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock on loopback, ephemeral port. */
public final class WireMocks {

    private WireMocks() {
    }

    public static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }
}
