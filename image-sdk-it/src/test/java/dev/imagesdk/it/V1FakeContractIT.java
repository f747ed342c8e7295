package dev.imagesdk.it;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageSdkClientException;
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
import dev.imagesdk.v1.ImageServiceV1;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The v1 contract, against the fake only (Glance 25 has no v1 API). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ContractReport.class)
@ContractTarget(target = "fake", suite = "v1")
class V1FakeContractIT {

    private FakeTarget target;
    private ImageServiceV1 admin;
    private ImageServiceV1 demo;
    private ImageServiceV1 alt;
    private String altProject;
    private String run;

    @BeforeAll
    void connect() {
        target = new FakeTarget(true);
        admin = (ImageServiceV1) target.client("admin", ApiVersion.V1);
        demo = (ImageServiceV1) target.client("demo", ApiVersion.V1);
        alt = (ImageServiceV1) target.client("alt_demo", ApiVersion.V1);
        altProject = target.fake().projectId("alt_demo");
    }

    @AfterAll
    void disconnect() {
        demo.close();
        alt.close();
        admin.close();
        target.close();
    }

    @BeforeEach
    void reset() {
        target.fake().reset();
        run = "v1-" + Long.toHexString(System.nanoTime());
    }

    private ImageSpec.Builder spec(String suffix) {
        return ImageSpec.builder().name(run + "-" + suffix).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).property("lab_run", run);
    }

    @Test
    void createWithDataIsActiveWithMd5AndDownloadsVerified() {
        byte[] data = ContractSuite.random(5000, 1);
        Image img = demo.createWithData(spec("data").build(), ImageData.fromBytes(data), null);
        assertThat(img.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(img.checksum()).isEqualTo(ContractSuite.hex("MD5", data));
        assertThat(img.size()).isEqualTo(data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo.download(img.id()).toOutputStream(out);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void createThenUploadThenUpdateKeepsUnnamedProperties() {
        Image img = demo.create(spec("two").property("os_distro", "debian").build());
        assertThat(img.status()).isEqualTo(ImageStatus.QUEUED);
        demo.upload(img.id(), ImageData.fromBytes(ContractSuite.random(100, 2)));
        Image updated = demo.update(img.id(), ImageUpdate.builder().property("lab_new", "x").build());
        assertThat(updated.properties()).containsEntry("os_distro", "debian").containsEntry("lab_new", "x");
        Image removed = demo.update(img.id(), ImageUpdate.builder().removeProperty("os_distro").build());
        assertThat(removed.properties()).doesNotContainKey("os_distro").containsEntry("lab_new", "x");
    }

    @Test
    void listsPageInSortOrder() {
        for (String s : List.of("a", "b", "c", "d")) {
            demo.create(spec(s).build());
        }
        assertThat(demo.list(ImageQuery.builder().property("lab_run", run).sort(SortKey.NAME, SortDirection.ASC)
                .pageSize(3).build()).stream().map(Image::name))
                .containsExactly(run + "-a", run + "-b", run + "-c", run + "-d");
        assertThat(demo.listSummaries(ImageQuery.builder().pageSize(1).build()).stream().count()).isEqualTo(4);
    }

    @Test
    void privateImagesOfOtherTenantsAreNotFoundUntilShared() {
        Image img = demo.create(spec("priv").build());
        assertThatThrownBy(() -> alt.get(img.id())).isInstanceOf(NotFoundException.class);
        demo.addMember(img.id(), altProject, false);
        assertThat(alt.get(img.id()).id()).isEqualTo(img.id());
        assertThat(demo.members(img.id())).extracting(m -> m.memberId()).containsExactly(altProject);
        assertThat(alt.sharedImages(altProject)).extracting(s -> s.imageId()).contains(img.id());
        demo.removeMember(img.id(), altProject);
        assertThatThrownBy(() -> alt.get(img.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyAdminsMakeImagesPublic() {
        Image img = demo.create(spec("pub").build());
        assertThatThrownBy(() -> demo.makePublic(img.id())).isInstanceOf(ForbiddenException.class);
        admin.makePublic(img.id());
        assertThat(alt.get(img.id()).id()).isEqualTo(img.id());
    }

    @Test
    void tagsAreRefusedOnTheClient() {
        Image img = demo.create(spec("tag").build());
        assertThatThrownBy(() -> demo.addTag(img.id(), "x")).isInstanceOf(ImageSdkClientException.class);
    }

    @Test
    void deleteRemovesAndProtectedImagesAreForbidden() {
        Image img = demo.create(spec("del").isProtected(true).build());
        assertThatThrownBy(() -> demo.delete(img.id())).isInstanceOf(ForbiddenException.class);
        demo.update(img.id(), ImageUpdate.builder().isProtected(false).build());
        demo.delete(img.id());
        assertThat(demo.find(img.id())).isEmpty();
    }
}
