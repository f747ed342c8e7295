package dev.imagesdk.v2;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the v2 client against a REAL Glance (scripts/real-glance.sh). Enabled only with
 * {@code IMAGE_SDK_REAL_GLANCE=1} and the {@code OS_*} variables of {@code real-glance.sh env --user demo}:
 * <pre>
 *   scripts/real-glance.sh up
 *   eval "$(scripts/real-glance.sh env --user demo)"
 *   IMAGE_SDK_REAL_GLANCE=1 ./mvnw -o -pl image-sdk-v2 -am test -Dtest=RealGlanceSmokeTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Deletes every image it creates.
 */
@EnabledIfEnvironmentVariable(named = "IMAGE_SDK_REAL_GLANCE", matches = "1")
class RealGlanceSmokeTest {

    ImageServiceV2 images;
    final List<String> created = new ArrayList<>();
    final String run = "sdk-smoke-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void build() {
        images = (ImageServiceV2) ImageService.builder().fromEnvironment().build();
    }

    @AfterEach
    void cleanUp() {
        for (String id : created) {
            try {
                images.update(id, ImageUpdate.builder().isProtected(false).build());
                images.delete(id);
            } catch (NotFoundException gone) {
                // deleted by the test
            } catch (RuntimeException e) {
                System.err.println("cleanup of " + id + " failed: " + e);
            }
        }
        images.close();
    }

    private Image track(Image image) {
        created.add(image.id());
        return image;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void lifecycleCreateUploadVerifyUpdateListDownloadDelete(@TempDir Path dir) throws Exception {
        CreatedImage c = images.createDetailed(ImageSpec.builder().name(run + "-main").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).minRam(64).tag("sample").property("os_distro", "debian")
                .property("lab~key", "one/two").build());
        Image img = track(c.image());
        assertThat(img.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(c.importMethods()).contains(ImportMethod.GLANCE_DIRECT);
        assertThat(c.storeIds()).contains("file1").noneMatch(s -> s.startsWith("os_glance"));
        assertThat(img.properties()).containsEntry("lab~key", "one/two");

        byte[] data = random(3 * 1024 * 1024 + 17);
        Path file = dir.resolve("in.raw");
        Files.write(file, data);
        Image active = images.upload(img.id(), ImageData.fromPath(file));
        assertThat(active.isActive()).isTrue();
        assertThat(active.size()).isEqualTo(data.length);
        assertThat(active.stores()).containsExactly("file1");

        Image updated = images.update(img.id(), ImageUpdate.builder().name(run + "-renamed")
                .property("os_distro", "ubuntu").property("lab_new", "x").removeProperty("lab~key")
                .replaceTags(List.of("t1", "t 2")).build());
        assertThat(updated.name()).isEqualTo(run + "-renamed");
        assertThat(updated.properties()).containsEntry("os_distro", "ubuntu").containsEntry("lab_new", "x")
                .doesNotContainKey("lab~key");
        assertThat(updated.tags()).containsExactlyInAnyOrder("t1", "t 2");

        Image tagged = images.update(img.id(), ImageUpdate.builder().addTag("t/3".replace("/", "-")).removeTag("t1").build());
        assertThat(tagged.tags()).containsExactlyInAnyOrder("t 2", "t-3");

        Image purged = images.update(img.id(), ImageUpdate.builder().property("keep", "1").replaceAllProperties().build());
        assertThat(purged.properties().keySet()).containsExactly("keep");

        DownloadResult r = images.download(img.id()).toPath(dir.resolve("out.raw"));
        assertThat(r.algorithm()).isEqualTo("sha512");
        assertThat(Files.readAllBytes(dir.resolve("out.raw"))).isEqualTo(data);

        images.delete(img.id());
        assertThat(images.find(img.id())).isEmpty();
        assertThat(images.waitForStatus(img.id(), ImageStatus.DELETED, Duration.ofSeconds(10)).status())
                .isEqualTo(ImageStatus.DELETED);
    }

    @Test
    void listingWithInListsQuotedCommasAndPaging() {
        for (String suffix : List.of("a", "b,c", "d:e", "f")) {
            track(images.create(ImageSpec.builder().name(run + "-" + suffix).property("lab_run", run).build()));
        }
        List<String> all = images.list(ImageQuery.builder().property("lab_run", run)
                .sort(SortKey.NAME, SortDirection.ASC).pageSize(1).build()).stream().map(Image::name).toList();
        assertThat(all).containsExactly(run + "-a", run + "-b,c", run + "-d:e", run + "-f");

        List<String> in = images.list(ImageQuery.builder().nameIn(run + "-b,c", run + "-d:e", "nope")
                .build()).stream().map(Image::name).toList();
        assertThat(in).containsExactlyInAnyOrder(run + "-b,c", run + "-d:e");

        assertThat(images.list(ImageQuery.builder().name(run + "-d:e").build()).stream().map(Image::name))
                .containsExactly(run + "-d:e");

        List<String> limited = images.list(ImageQuery.builder().property("lab_run", run)
                .sort(SortKey.NAME, SortDirection.DESC).pageSize(3).limit(2).build()).stream().map(Image::name).toList();
        assertThat(limited).containsExactly(run + "-f", run + "-d:e");

        assertThat(images.list(ImageQuery.builder().property("lab_run", run).statusIn(ImageStatus.QUEUED,
                ImageStatus.ACTIVE).pageSize(2).build()).stream().count()).isEqualTo(4);
    }

    @Test
    void glanceDirectImportIsStagedImportedAndVerified() {
        byte[] data = random(65536);
        Image img = images.createAndImport(ImageSpec.builder().name(run + "-import").diskFormat(DiskFormat.RAW)
                        .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(data),
                ImportRequest.builder(ImportMethod.GLANCE_DIRECT).store("file1").build(), null,
                Duration.ofSeconds(60), false);
        track(img);
        assertThat(img.isActive()).isTrue();
        assertThat(img.size()).isEqualTo(data.length);
        assertThat(images.importMethods()).contains(ImportMethod.GLANCE_DIRECT, ImportMethod.WEB_DOWNLOAD);
        assertThat(images.stores()).extracting(StoreInfo::id).contains("file1", "file2");
    }

    @Test
    void webDownloadImportOfAFilteredUriIsRefusedAndProtectedImagesCannotBeDeleted() {
        Image img = track(images.create(ImageSpec.builder().name(run + "-web").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).isProtected(true).build()));
        assertThatThrownBy(() -> images.importImage(img.id(),
                ImportRequest.webDownload(URI.create("http://127.0.0.2:9/x"))))
                .isInstanceOf(dev.imagesdk.exception.BadRequestException.class).hasMessageContaining("filtering");
        assertThatThrownBy(() -> images.delete(img.id())).isInstanceOf(ForbiddenException.class);
    }
}
