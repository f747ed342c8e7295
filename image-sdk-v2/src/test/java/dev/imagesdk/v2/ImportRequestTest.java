package dev.imagesdk.v2;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportRequestTest {

    @Test
    void webDownloadNeedsAnAbsoluteHttpUri() {
        assertThatThrownBy(() -> ImportRequest.builder(ImportMethod.WEB_DOWNLOAD).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("uri");
        assertThatThrownBy(() -> ImportRequest.webDownload(URI.create("ftp://h/x")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ImportRequest.webDownload(URI.create("relative/x")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(ImportRequest.webDownload(URI.create("https://h/x")).uri()).contains(URI.create("https://h/x"));
    }

    @Test
    void argumentsOfOtherMethodsAreRefused() {
        assertThatThrownBy(() -> ImportRequest.builder(ImportMethod.GLANCE_DIRECT).uri(URI.create("http://h/x")).build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ImportRequest.builder(ImportMethod.COPY_IMAGE).remoteRegion("r2").build())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void glanceDownloadNeedsRegionAndImage() {
        assertThatThrownBy(() -> ImportRequest.builder(ImportMethod.GLANCE_DOWNLOAD).remoteRegion("r2").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("glance_image_id");
        ImportRequest r = ImportRequest.builder(ImportMethod.GLANCE_DOWNLOAD).remoteRegion("r2")
                .remoteImageId("0dfeb241-e5b4-4562-bdce-8af0bf22b083").build();
        assertThat(r.remoteRegion()).contains("r2");
    }

    @Test
    void storesAndAllStoresExcludeEachOtherAndReservedStoresAreRefused() {
        assertThatThrownBy(() -> ImportRequest.builder(ImportMethod.COPY_IMAGE).store("file2").allStores(true).build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ImportRequest.copyImage("os_glance_staging_store"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("os_glance_staging_store");
        assertThatThrownBy(() -> ImportRequest.copyImage(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void toStringHidesUserInfoAndQueryOfTheSourceUri() {
        ImportRequest r = ImportRequest.webDownload(URI.create("https://user:secret@h:8443/img.qcow2?sig=abc"));
        assertThat(r.toString()).contains("https://***@h:8443/img.qcow2?...").doesNotContain("secret")
                .doesNotContain("sig=abc");
    }

    @Test
    void unknownImportMethodsAreKeptVerbatim() {
        assertThat(ImportMethod.of("glance-direct")).isSameAs(ImportMethod.GLANCE_DIRECT);
        ImportMethod m = ImportMethod.of("floppy-drive");
        assertThat(m.isKnown()).isFalse();
        assertThat(m.value()).isEqualTo("floppy-drive");
    }
}
