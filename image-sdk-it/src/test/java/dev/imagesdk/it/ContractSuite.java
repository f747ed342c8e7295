package dev.imagesdk.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.UnauthorizedException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;
import dev.imagesdk.v2.CreatedImage;
import dev.imagesdk.v2.ImageServiceV2;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.ImportRequest;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The v2 contract: what the SDK does against a Glance, end to end, as three users in three projects.
 * One subclass per target; every test must pass unchanged against the fake and against real Glance 25.
 * Images are tagged with a per-test property and deleted afterwards (real Glance keeps state), and
 * lists are always filtered by that property so that other images on the service never matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ContractReport.class)
abstract class ContractSuite {

    private static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(60);

    private Target target;
    ImageServiceV2 admin;
    ImageServiceV2 demo;
    ImageServiceV2 alt;
    String demoProject;
    String altProject;
    RawGlance rawDemo;

    private final List<String> created = new ArrayList<>();
    /** Unique per test (and per run): names and the {@code lab_run} property of everything created. */
    String run;

    /** Starts (or connects to) the target; may abort the class with a reason. */
    abstract Target openTarget();

    @BeforeAll
    void connect() {
        target = openTarget();
        admin = ImageServiceV2.of(target.client("admin", ApiVersion.V2));
        demo = ImageServiceV2.of(target.client("demo", ApiVersion.V2));
        alt = ImageServiceV2.of(target.client("alt_demo", ApiVersion.V2));
        rawDemo = new RawGlance(target, "demo");
        demoProject = rawDemo.projectId();
        altProject = new RawGlance(target, "alt_demo").projectId();
    }

    @AfterAll
    void disconnect() {
        for (AutoCloseable c : new AutoCloseable[]{admin == null ? null : admin::close,
                demo == null ? null : demo::close, alt == null ? null : alt::close, target}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("close failed: " + e);
            }
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        run = "ct-" + info.getTestMethod().orElseThrow().getName().substring(0, 12) + "-"
                + Long.toHexString(System.nanoTime());
    }

    /** Deletes what the test created, as admin (who may delete anything once it is unprotected). */
    @AfterEach
    void cleanUp() {
        for (String id : created) {
            try {
                if (admin.find(id).filter(i -> !ImageStatus.DELETED.equals(i.status())).isEmpty()) {
                    continue;
                }
                admin.update(id, ImageUpdate.builder().isProtected(false).build());
                admin.delete(id);
            } catch (NotFoundException gone) {
                // deleted by the test
            } catch (RuntimeException e) {
                System.err.println("cleanup of " + id + " failed: " + e);
            }
        }
        created.clear();
    }

    Image track(Image image) {
        created.add(image.id());
        return image;
    }

    ImageSpec.Builder spec(String suffix) {
        return ImageSpec.builder().name(run + "-" + suffix).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).property("lab_run", run);
    }

    ImageQuery.Builder mine() {
        return ImageQuery.builder().property("lab_run", run);
    }

    static List<String> ids(Iterable<Image> images) {
        List<String> ids = new ArrayList<>();
        images.forEach(i -> ids.add(i.id()));
        return ids;
    }

    static List<String> reversed(List<String> list) {
        List<String> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Image uploaded(String suffix, byte[] data) {
        Image img = track(demo.create(spec(suffix).build()));
        return demo.upload(img.id(), ImageData.fromBytes(data));
    }

    /** Polls {@code get} until {@code done} holds: the only way to observe real Glance's background work. */
    Image awaitImage(ImageServiceV2 client, String id, Predicate<Image> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(IMPORT_TIMEOUT);
        Image img = client.get(id);
        while (!done.test(img) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            img = client.get(id);
        }
        return img;
    }

    // ---------------------------------------------------------------- create, read, update, delete

    @Test
    void createReturnsQueuedSharedImageOwnedByTheCallersProjectWithAdvertisedMethodsAndStores() {
        CreatedImage c = demo.createDetailed(ImageSpec.builder().name(run).property("lab_run", run).build());
        Image img = track(c.image());
        assertThat(img.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(img.visibility()).isEqualTo(Visibility.SHARED);
        assertThat(img.owner()).isEqualTo(demoProject);
        assertThat(img.isProtected()).isFalse();
        assertThat(img.diskFormat()).isNull();
        assertThat(img.size()).isNull();
        assertThat(img.checksum()).isNull();
        assertThat(c.importMethods()).contains(ImportMethod.GLANCE_DIRECT, ImportMethod.WEB_DOWNLOAD,
                ImportMethod.COPY_IMAGE);
        assertThat(c.storeIds()).contains("file1", "file2").noneMatch(s -> s.startsWith("os_glance"));
    }

    @Test
    void createKeepsPropertiesTagsAndAttributesVerbatim() {
        Image img = track(demo.create(spec("props").minRam(64).minDisk(1).tag("a tag").tag("b")
                .property("os_distro", "debian").property("lab~key", "one/two").build()));
        Image read = demo.get(img.id());
        assertThat(read.properties()).containsEntry("os_distro", "debian").containsEntry("lab~key", "one/two")
                .containsEntry("lab_run", run);
        assertThat(read.tags()).containsExactlyInAnyOrder("a tag", "b");
        assertThat(read.minRam()).isEqualTo(64);
        assertThat(read.minDisk()).isEqualTo(1);
        assertThat(read.diskFormat()).isEqualTo(DiskFormat.RAW);
        assertThat(read.containerFormat()).isEqualTo(ContainerFormat.BARE);
        assertThat(read.self()).isEqualTo("/v2/images/" + img.id());
        assertThat(read.file()).isEqualTo("/v2/images/" + img.id() + "/file");
        assertThat(read.schema()).isEqualTo("/v2/schemas/image");
    }

    @Test
    void reservedPropertiesAreRefusedByTheSdkAndForbiddenByTheService() {
        assertThatThrownBy(() -> spec("reserved").property("os_glance_lab", "x"))
                .isInstanceOf(dev.imagesdk.exception.InvalidInputException.class);
        HttpResponse<byte[]> create = rawDemo.send("POST", "/v2/images", "application/json",
                "{\"name\": \"" + run + "\", \"os_glance_lab\": \"x\"}");
        assertThat(create.statusCode()).isEqualTo(403);
        Image img = track(demo.create(spec("rsv").build()));
        HttpResponse<byte[]> patch = rawDemo.send("PATCH", "/v2/images/" + img.id(),
                "application/openstack-images-v2.1-json-patch",
                "[{\"op\": \"add\", \"path\": \"/os_glance_x\", \"value\": \"1\"}]");
        assertThat(patch.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> readOnly = rawDemo.send("POST", "/v2/images", "application/json",
                "{\"name\": \"" + run + "\", \"size\": 5}");
        assertThat(readOnly.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> notString = rawDemo.send("POST", "/v2/images", "application/json",
                "{\"name\": \"" + run + "\", \"lab_int\": 5}");
        assertThat(notString.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> wrongType = rawDemo.send("PATCH", "/v2/images/" + img.id(), "application/json",
                "[{\"op\": \"add\", \"path\": \"/lab_x\", \"value\": \"1\"}]");
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Accept-Patch")).isPresent();
        assertThat(demo.get(img.id()).properties()).doesNotContainKeys("os_glance_x", "lab_x");
        HttpResponse<byte[]> v20 = rawDemo.send("PATCH", "/v2/images/" + img.id(),
                "application/openstack-images-v2.0-json-patch", "[{\"add\": \"/lab_v20\", \"value\": \"1\"}]");
        assertThat(v20.statusCode()).isEqualTo(200);
        assertThat(demo.get(img.id()).properties()).containsEntry("lab_v20", "1");
    }

    @Test
    void createWithTheSameIdTwiceConflicts() {
        String id = java.util.UUID.randomUUID().toString();
        track(demo.create(spec("id").id(id).build()));
        assertThatThrownBy(() -> demo.create(spec("id2").id(id).build())).isInstanceOf(ConflictException.class);
    }

    @Test
    void updateSetsRemovesAndReplacesPropertiesAndTags() {
        Image img = track(demo.create(spec("upd").property("lab~key", "one/two").tag("t0").build()));
        Image updated = demo.update(img.id(), ImageUpdate.builder().name(run + "-renamed")
                .property("os_distro", "ubuntu").property("lab_new", "x").removeProperty("lab~key")
                .replaceTags(List.of("t1", "t 2")).minRam(128).build());
        assertThat(updated.name()).isEqualTo(run + "-renamed");
        assertThat(updated.properties()).containsEntry("os_distro", "ubuntu").containsEntry("lab_new", "x")
                .doesNotContainKey("lab~key");
        assertThat(updated.tags()).containsExactlyInAnyOrder("t1", "t 2");
        assertThat(updated.minRam()).isEqualTo(128);

        Image purged = demo.update(img.id(), ImageUpdate.builder().property("keep", "1").replaceAllProperties()
                .build());
        assertThat(purged.properties().keySet()).containsExactly("keep");
        assertThat(demo.get(img.id()).properties().keySet()).containsExactly("keep");
    }

    @Test
    void removingAMissingPropertyConflicts() {
        Image img = track(demo.create(spec("rm").build()));
        assertThatThrownBy(() -> demo.update(img.id(), ImageUpdate.builder().removeProperty("lab_absent").build()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void tagsAreIdempotentToAddAndMissingTagsAreNotFound() {
        Image img = track(demo.create(spec("tags").build()));
        demo.addTag(img.id(), "red");
        demo.addTag(img.id(), "red");
        assertThat(demo.get(img.id()).tags()).containsExactly("red");
        demo.removeTag(img.id(), "red");
        assertThat(demo.get(img.id()).tags()).isEmpty();
        assertThatThrownBy(() -> demo.removeTag(img.id(), "red")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletedImagesAreGoneAndMissingImagesAreNotFound() {
        Image img = track(demo.create(spec("del").build()));
        demo.delete(img.id());
        assertThat(demo.find(img.id())).isEmpty();
        assertThatThrownBy(() -> demo.get(img.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> demo.delete(img.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> demo.update(img.id(), ImageUpdate.builder().name("x").build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(demo.waitForStatus(img.id(), ImageStatus.DELETED, Duration.ofSeconds(5)).status())
                .isEqualTo(ImageStatus.DELETED);
    }

    @Test
    void protectedImagesCannotBeDeletedUntilUnprotected() {
        Image img = track(demo.create(spec("prot").isProtected(true).build()));
        assertThatThrownBy(() -> demo.delete(img.id())).isInstanceOf(ForbiddenException.class);
        assertThat(demo.get(img.id()).isProtected()).isTrue();
        demo.update(img.id(), ImageUpdate.builder().isProtected(false).build());
        demo.delete(img.id());
        assertThat(demo.find(img.id())).isEmpty();
    }

    // ---------------------------------------------------------------- data, checksums, ranges

    @Test
    void uploadComputesMd5AndSha512AndDownloadVerifiesThem(@TempDir Path dir) throws Exception {
        byte[] data = random(1024 * 1024 + 17, 1);
        Image active = uploaded("data", data);
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(data.length);
        assertThat(active.checksum()).isEqualTo(hex("MD5", data));
        assertThat(active.osHashAlgo()).isEqualTo("sha512");
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-512", data));
        assertThat(active.stores()).containsExactly("file1");

        DownloadResult r = demo.download(active.id()).toPath(dir.resolve("out"));
        assertThat(r.algorithm()).isEqualTo("sha512");
        assertThat(r.digest()).isEqualTo(hex("SHA-512", data));
        assertThat(r.bytes()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(data);

        try (InputStream in = demo.download(active.id()).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void anEmptyImageUploadsAndDownloadsAsEmpty() {
        Image active = uploaded("empty", new byte[0]);
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isZero();
        assertThat(active.checksum()).isEqualTo(hex("MD5", new byte[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo.download(active.id()).toOutputStream(out);
        assertThat(out.toByteArray()).isEmpty();
    }

    /** A qcow2 v3 header (64 KiB clusters) stating {@code virtualSize}, padded with zeros to one cluster. */
    static byte[] qcow2Header(long virtualSize) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(65536); // big-endian, as qcow2 is
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        b.putInt(20, 16).putLong(24, virtualSize).putInt(96, 4).putInt(100, 104);
        return b.array();
    }

    @Test
    void uploadSetsTheVirtualSizeTheQcow2HeaderStatesAndARawImagesSize() {
        long threeGib = 3L * 1024 * 1024 * 1024;
        Image qcow2 = track(demo.create(spec("qcow2").diskFormat(DiskFormat.QCOW2).build()));
        assertThat(qcow2.virtualSize()).isNull();
        Image active = demo.upload(qcow2.id(), ImageData.fromBytes(qcow2Header(threeGib)));
        assertThat(active.virtualSize()).isEqualTo(threeGib);
        assertThat(demo.get(qcow2.id()).virtualSize()).isEqualTo(threeGib);
        assertThat(active.size()).isEqualTo(65536);
        assertThat(uploaded("raw-virtual", random(4096, 9)).virtualSize()).isEqualTo(4096);
    }

    @Test
    void aSecondUploadConflicts() {
        Image active = uploaded("twice", random(100, 2));
        assertThatThrownBy(() -> demo.upload(active.id(), ImageData.fromBytes(random(100, 3))))
                .isInstanceOf(ConflictException.class);
        assertThat(demo.get(active.id()).checksum()).isEqualTo(hex("MD5", random(100, 2)));
    }

    @Test
    void downloadingAnImageWithoutDataFailsTypedAndWritesNothing(@TempDir Path dir) {
        Image img = track(demo.create(spec("nodata").build()));
        assertThatThrownBy(() -> demo.download(img.id()).toPath(dir.resolve("out")))
                .isInstanceOf(ImageSdkClientException.class);
        assertThat(dir.resolve("out")).doesNotExist();
        HttpResponse<byte[]> raw = rawDemo.get("/v2/images/" + img.id() + "/file");
        assertThat(raw.statusCode()).isEqualTo(204);
        assertThat(raw.body()).isEmpty();
    }

    @Test
    void rangeRequestsAnswer206WithContentRangeAndTheWholeImageMd5() {
        byte[] data = random(4096, 4);
        Image active = uploaded("range", data);
        String file = "/v2/images/" + active.id() + "/file";

        HttpResponse<byte[]> whole = rawDemo.get(file);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(whole.headers().firstValue("Content-MD5")).hasValue(hex("MD5", data));
        assertThat(whole.body()).isEqualTo(data);

        HttpResponse<byte[]> part = rawDemo.get(file, "Range", "bytes=100-1123");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1123/4096");
        assertThat(part.headers().firstValue("Content-MD5")).hasValue(hex("MD5", data));
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 100, 1124));

        HttpResponse<byte[]> tail = rawDemo.get(file, "Range", "bytes=4000-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(data, 4000, 4096));

        assertThat(rawDemo.get(file, "Range", "bytes=5000-6000").statusCode()).isEqualTo(416);
        assertThat(rawDemo.get(file, "Range", "bytes=0-1,3-4").statusCode()).isEqualTo(400);
        assertThat(rawDemo.head(file).statusCode()).isEqualTo(405);
    }

    @Test
    void uploadToANamedStoreLandsThereAndAnUnknownStoreIsABadRequest() {
        Image img = track(demo.create(spec("store").build()));
        Image active = demo.uploadToStore(img.id(), "file2", ImageData.fromBytes(random(300, 5)), null);
        assertThat(active.stores()).containsExactly("file2");
        Image other = track(demo.create(spec("nostore").build()));
        assertThatThrownBy(() -> demo.uploadToStore(other.id(), "nowhere", ImageData.fromBytes(random(10, 6)),
                null)).isInstanceOf(BadRequestException.class);
        assertThat(demo.get(other.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    // ---------------------------------------------------------------- deactivation

    @Test
    void deactivatedImagesCannotBeDownloadedByTheirOwnerUntilReactivated() {
        byte[] data = random(500, 7);
        Image active = uploaded("deact", data);
        admin.deactivate(active.id());
        admin.deactivate(active.id());
        assertThat(demo.get(active.id()).status()).isEqualTo(ImageStatus.DEACTIVATED);
        assertThatThrownBy(() -> demo.download(active.id()).toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(ForbiddenException.class);
        ByteArrayOutputStream asAdmin = new ByteArrayOutputStream();
        admin.download(active.id()).toOutputStream(asAdmin);
        assertThat(asAdmin.toByteArray()).isEqualTo(data);

        admin.reactivate(active.id());
        assertThat(demo.get(active.id()).status()).isEqualTo(ImageStatus.ACTIVE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo.download(active.id()).toOutputStream(out);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void deactivatingOrReactivatingAQueuedImageIsForbidden() {
        Image img = track(demo.create(spec("deactq").build()));
        // the SDK reads this error from an HTML page (no Accept on actions): entities must be decoded
        assertThatThrownBy(() -> admin.deactivate(img.id())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("status 'queued'");
        assertThatThrownBy(() -> admin.reactivate(img.id())).isInstanceOf(ForbiddenException.class);
        assertThat(demo.get(img.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    // ---------------------------------------------------------------- visibility across projects

    @Test
    void anotherProjectsPrivateImageIsNotFoundNotForbidden() {
        Image img = track(demo.create(spec("priv").visibility(Visibility.PRIVATE).build()));
        assertThatThrownBy(() -> alt.get(img.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> alt.delete(img.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> alt.update(img.id(), ImageUpdate.builder().name("x").build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(ids(alt.list(mine().build()))).isEmpty();
        assertThat(ids(demo.list(mine().build()))).containsExactly(img.id());
        assertThat(admin.get(img.id()).id()).isEqualTo(img.id());
    }

    @Test
    void onlyAdminsPublicizeAndOtherProjectsSeeButCannotChangePublicImages() {
        Image img = track(demo.create(spec("pub").build()));
        assertThatThrownBy(() -> demo.update(img.id(), ImageUpdate.builder().visibility(Visibility.PUBLIC).build()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> track(demo.create(spec("pub2").visibility(Visibility.PUBLIC).build())))
                .isInstanceOf(ForbiddenException.class);

        admin.update(img.id(), ImageUpdate.builder().visibility(Visibility.PUBLIC).build());
        assertThat(alt.get(img.id()).visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(ids(alt.list(mine().build()))).containsExactly(img.id());
        assertThatThrownBy(() -> alt.update(img.id(), ImageUpdate.builder().name("mine now").build()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> alt.delete(img.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> alt.addTag(img.id(), "x")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void communityImagesAreReadableByAllButListedOnlyOnRequest() {
        Image img = track(demo.create(spec("comm").visibility(Visibility.COMMUNITY).build()));
        assertThat(alt.get(img.id()).visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(ids(alt.list(mine().build()))).isEmpty();
        assertThat(ids(alt.list(mine().visibility(Visibility.COMMUNITY).build()))).containsExactly(img.id());
        assertThat(ids(demo.list(mine().build()))).containsExactly(img.id());
        assertThatThrownBy(() -> alt.update(img.id(), ImageUpdate.builder().name("x").build()))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void hiddenImagesAreListedOnlyWhenAskedFor() {
        Image hidden = track(demo.create(spec("hidden").osHidden(true).build()));
        Image shown = track(demo.create(spec("shown").build()));
        assertThat(ids(demo.list(mine().build()))).containsExactly(shown.id());
        assertThat(ids(demo.list(mine().osHidden(true).build()))).containsExactly(hidden.id());
        assertThat(demo.get(hidden.id()).osHidden()).isTrue();
    }

    // ---------------------------------------------------------------- members

    @Test
    void membersSeeSharedImagesAndListThemOnlyOnceAccepted() {
        Image img = track(demo.create(spec("shared").build()));
        assertThatThrownBy(() -> alt.get(img.id())).isInstanceOf(NotFoundException.class);

        Member m = demo.addMember(img.id(), altProject);
        assertThat(m.status()).isEqualTo(MemberStatus.PENDING);
        assertThat(m.memberId()).isEqualTo(altProject);
        assertThat(m.imageId()).isEqualTo(img.id());
        assertThatThrownBy(() -> demo.addMember(img.id(), altProject)).isInstanceOf(ConflictException.class);
        assertThat(demo.members(img.id())).extracting(Member::memberId).containsExactly(altProject);

        assertThat(alt.get(img.id()).id()).isEqualTo(img.id());
        assertThat(ids(alt.list(mine().build()))).isEmpty();
        assertThat(ids(alt.list(mine().memberStatus(MemberStatus.PENDING).build()))).containsExactly(img.id());
        assertThat(ids(alt.list(mine().visibility(Visibility.SHARED).build()))).isEmpty();
        assertThat(ids(alt.list(mine().visibility(Visibility.SHARED).memberStatus(MemberStatus.PENDING).build())))
                .containsExactly(img.id());
        assertThat(ids(alt.list(mine().memberStatus(MemberStatus.ALL).build()))).containsExactly(img.id());

        Member accepted = alt.updateMemberStatus(img.id(), altProject, MemberStatus.ACCEPTED);
        assertThat(accepted.status()).isEqualTo(MemberStatus.ACCEPTED);
        assertThat(ids(alt.list(mine().build()))).containsExactly(img.id());
        assertThatThrownBy(() -> alt.update(img.id(), ImageUpdate.builder().name("x").build()))
                .isInstanceOf(ForbiddenException.class);

        alt.updateMemberStatus(img.id(), altProject, MemberStatus.REJECTED);
        assertThat(ids(alt.list(mine().build()))).isEmpty();
        assertThat(alt.get(img.id()).id()).isEqualTo(img.id());

        demo.removeMember(img.id(), altProject);
        assertThatThrownBy(() -> alt.get(img.id())).isInstanceOf(NotFoundException.class);
        assertThat(demo.members(img.id())).isEmpty();
        assertThatThrownBy(() -> demo.removeMember(img.id(), altProject)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyTheOwnerManagesMembersAndOnlyTheMemberSetsItsStatus() {
        Image img = track(demo.create(spec("mgmt").build()));
        demo.addMember(img.id(), altProject);
        assertThatThrownBy(() -> alt.addMember(img.id(), demoProject)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> demo.updateMemberStatus(img.id(), altProject, MemberStatus.ACCEPTED))
                .isInstanceOf(ForbiddenException.class);
        assertThat(demo.members(img.id())).extracting(Member::status).containsExactly(MemberStatus.PENDING);
    }

    @Test
    void privateImagesCannotHaveMembers() {
        Image img = track(demo.create(spec("privm").visibility(Visibility.PRIVATE).build()));
        assertThatThrownBy(() -> demo.addMember(img.id(), altProject)).isInstanceOf(ForbiddenException.class);
    }

    // ---------------------------------------------------------------- lists and pagination

    @Test
    void smallPagesWalkEveryImageInSortOrderAndLimitsStopEarly() {
        List<String> names = new ArrayList<>();
        for (String s : List.of("a", "b,c", "d:e", "f", "g")) {
            track(demo.create(spec(s).build()));
            names.add(run + "-" + s);
        }
        assertThat(demo.list(mine().sort(SortKey.NAME, SortDirection.ASC).pageSize(2).build()).stream()
                .map(Image::name)).containsExactlyElementsOf(names);
        assertThat(demo.list(mine().sort(SortKey.NAME, SortDirection.DESC).pageSize(1).build()).stream()
                .map(Image::name)).containsExactlyElementsOf(reversed(names));
        assertThat(demo.list(mine().sort(SortKey.NAME, SortDirection.ASC).pageSize(2).limit(3).build()).stream()
                .map(Image::name)).containsExactlyElementsOf(names.subList(0, 3));
        assertThat(demo.list(mine().pageSize(5).build()).stream().count()).isEqualTo(5);
        assertThat(demo.list(mine().nameIn(run + "-b,c", run + "-d:e", "nope").build()).stream()
                .map(Image::name)).containsExactlyInAnyOrder(run + "-b,c", run + "-d:e");
    }

    @Test
    void aFullPageLinksToTheNextAndThePageAfterTheLastFullOneIsEmptyWithoutNext() {
        for (String s : List.of("a", "b")) {
            track(demo.create(spec(s).build()));
        }
        JsonNode first = RawGlance.json(rawDemo.get("/v2/images?limit=2&lab_run=" + run).body());
        assertThat(first.path("images")).hasSize(2);
        assertThat(first.path("first").asText()).startsWith("/v2/images?");
        assertThat(first.path("schema").asText()).isEqualTo("/v2/schemas/images");
        String next = first.path("next").asText();
        assertThat(next).startsWith("/v2/images?").contains("marker=");
        JsonNode second = RawGlance.json(rawDemo.get(next).body());
        assertThat(second.path("images")).isEmpty();
        assertThat(second.has("next")).isFalse();

        JsonNode partial = RawGlance.json(rawDemo.get("/v2/images?limit=3&lab_run=" + run).body());
        assertThat(partial.path("images")).hasSize(2);
        assertThat(partial.has("next")).isFalse();
    }

    @Test
    void listsFilterByStatusTagFormatAndSizeAndSortBySize() {
        Image small = uploaded("small", random(10, 8));
        Image big = uploaded("big", random(1000, 9));
        Image queued = track(demo.create(spec("queued").tag("blue").diskFormat(DiskFormat.QCOW2).build()));
        assertThat(ids(demo.list(mine().status(ImageStatus.ACTIVE).sort(SortKey.SIZE, SortDirection.DESC)
                .build()))).containsExactly(big.id(), small.id());
        assertThat(ids(demo.list(mine().statusIn(ImageStatus.QUEUED, ImageStatus.ACTIVE).pageSize(1).build())))
                .containsExactlyInAnyOrder(small.id(), big.id(), queued.id());
        assertThat(ids(demo.list(mine().tag("blue").build()))).containsExactly(queued.id());
        assertThat(ids(demo.list(mine().diskFormat(DiskFormat.QCOW2).build()))).containsExactly(queued.id());
        assertThat(ids(demo.list(mine().sizeMin(100).build()))).containsExactly(big.id());
        assertThat(ids(demo.list(mine().sizeMax(100).build()))).containsExactly(small.id());
        assertThat(ids(demo.list(mine().status(ImageStatus.of("bogus")).build()))).isEmpty();
    }

    @Test
    void anUnknownMarkerIsABadRequest() {
        assertThatThrownBy(() -> demo.list(mine().marker(java.util.UUID.randomUUID().toString()).build())
                .stream().count()).isInstanceOf(BadRequestException.class);
        HttpResponse<byte[]> raw = rawDemo.get("/v2/images?limit=-1");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(rawDemo.get("/v2/images?sort_key=bogus").statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- interoperable import

    @Test
    void importMethodsAndStoresAreAdvertised() {
        assertThat(demo.importMethods()).contains(ImportMethod.GLANCE_DIRECT, ImportMethod.WEB_DOWNLOAD,
                ImportMethod.COPY_IMAGE);
        assertThat(demo.stores()).extracting(StoreInfo::id).containsExactlyInAnyOrder("file1", "file2");
        assertThat(demo.stores()).filteredOn(StoreInfo::isDefault).extracting(StoreInfo::id).containsExactly("file1");
        assertThat(admin.storesDetail()).extracting(StoreInfo::id).contains("file1", "file2");
        assertThat(admin.storesDetail()).extracting(StoreInfo::type).contains("file");
        assertThatThrownBy(() -> demo.storesDetail()).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void glanceDirectImportStagesThenImportsAndRecordsATask() throws Exception {
        byte[] data = random(65536, 10);
        Image img = track(demo.create(spec("gd").build()));
        demo.stage(img.id(), ImageData.fromBytes(data), null);
        Image staged = demo.get(img.id());
        assertThat(staged.status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(staged.size()).isEqualTo(data.length);

        demo.importImage(img.id(), ImportRequest.builder(ImportMethod.GLANCE_DIRECT).store("file2").build());
        Image active = demo.waitForStatus(img.id(), ImageStatus.ACTIVE, IMPORT_TIMEOUT);
        assertThat(active.checksum()).isEqualTo(hex("MD5", data));
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-512", data));
        assertThat(active.stores()).containsExactly("file2");

        List<Task> tasks = demo.imageTasks(img.id());
        assertThat(tasks).isNotEmpty();
        assertThat(tasks).extracting(Task::type).contains("api_image_import");
        assertThat(tasks).extracting(Task::imageId).containsOnly(img.id());
        Task one = admin.task(tasks.get(0).id());
        assertThat(one.id()).isEqualTo(tasks.get(0).id());
        assertThat(one.imageId()).isEqualTo(img.id());
        // the tasks API itself is admin-only (tasks_api_access), even for the task's owner
        assertThatThrownBy(() -> demo.task(tasks.get(0).id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void createAndImportVerifiesTheImportedData() {
        byte[] data = random(20000, 11);
        Image img = track(demo.createAndImport(spec("cai").build(), ImageData.fromBytes(data),
                ImportRequest.glanceDirect(), null, IMPORT_TIMEOUT, false));
        assertThat(img.isActive()).isTrue();
        assertThat(img.osHashValue()).isEqualTo(hex("SHA-512", data));
    }

    @Test
    void importingAnImageThatWasNotStagedConflicts() {
        Image img = track(demo.create(spec("nostage").build()));
        assertThatThrownBy(() -> demo.importImage(img.id(), ImportRequest.glanceDirect()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void webDownloadImportFetchesAnAllowedUrl() throws Exception {
        byte[] data = random(30000, 12);
        URI uri = target.publish(run + ".raw", data);
        Image img = track(demo.create(spec("web").build()));
        demo.importImage(img.id(), ImportRequest.webDownload(uri));
        Image active = demo.waitForStatus(img.id(), ImageStatus.ACTIVE, IMPORT_TIMEOUT);
        assertThat(active.size()).isEqualTo(data.length);
        assertThat(active.checksum()).isEqualTo(hex("MD5", data));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo.download(img.id()).toOutputStream(out);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void webDownloadOfAFilteredUriIsABadRequest() {
        Image img = track(demo.create(spec("webbad").build()));
        assertThatThrownBy(() -> demo.importImage(img.id(),
                ImportRequest.webDownload(URI.create("http://127.0.0.2:9/x"))))
                .isInstanceOf(BadRequestException.class);
        assertThat(demo.get(img.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void copyImageIsForAdminsAndAddsTheTargetStore() throws Exception {
        Image active = uploaded("copy", random(4000, 13));
        assertThatThrownBy(() -> demo.importImage(active.id(), ImportRequest.copyImage("file2")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.importImage(active.id(), ImportRequest.copyImage("file1")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("already present");
        assertThatThrownBy(() -> admin.importImage(active.id(), ImportRequest.copyImage("nowhere")))
                .isInstanceOf(ConflictException.class);
        admin.importImage(active.id(), ImportRequest.copyImage("file2"));
        // done = both stores AND the import task finished (real Glance saves the image once more at the end)
        Image copied = awaitImage(admin, active.id(), i -> i.stores().size() == 2
                && i.properties().getOrDefault("os_glance_importing_to_stores", "").isEmpty()
                && admin.imageTasks(active.id()).stream().allMatch(Task::isFinished));
        assertThat(copied.stores()).containsExactlyInAnyOrder("file1", "file2");
        assertThat(copied.status()).isEqualTo(ImageStatus.ACTIVE);

        // deleting from a store: the owner may (legacy-OR'ed default policy); another project cannot see it
        assertThatThrownBy(() -> alt.deleteFromStore("file2", active.id())).isInstanceOf(NotFoundException.class);
        demo.deleteFromStore("file2", active.id());
        assertThat(demo.get(active.id()).stores()).containsExactly("file1");
        assertThatThrownBy(() -> admin.deleteFromStore("file1", active.id())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only store");
        assertThat(demo.get(active.id()).stores()).containsExactly("file1");
    }

    @Test
    void theLocationsApiIsNotServedByThisVersion() {
        Image active = uploaded("loc", random(10, 15));
        assertThatThrownBy(() -> admin.locations(active.id())).isInstanceOf(NotFoundException.class);
        HttpResponse<byte[]> create = rawDemo.send("POST", "/v2/images", "application/json",
                "{\"name\": \"" + run + "\", \"locations\": []}");
        assertThat(create.statusCode()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- info, schemas, errors

    @Test
    void usageIsEmptyWithoutKeystoneLimits() {
        uploaded("usage", random(123, 14));
        Map<String, dev.imagesdk.v2.Usage> usage = demo.usage();
        assertThat(usage).isEmpty();
    }

    @Test
    void schemasDescribeTheImageModel() {
        JsonNode image = RawGlance.json(demo.schema("image"));
        assertThat(image.path("name").asText()).isEqualTo("image");
        assertThat(image.path("properties").has("os_hash_value")).isTrue();
        assertThat(image.path("properties").has("os_hidden")).isTrue();
        assertThat(image.path("properties").has("stores")).isTrue();
        assertThat(RawGlance.json(demo.schema("images")).path("name").asText()).isEqualTo("images");
        assertThat(RawGlance.json(demo.schema("member")).path("name").asText()).isEqualTo("member");
        assertThatThrownBy(() -> demo.schema("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theImageCacheIsAdminOnlyAndQueuesImages() {
        Image active = uploaded("cache", random(64, 16));
        assertThatThrownBy(() -> demo.cache()).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> demo.queueForCache(active.id())).isInstanceOf(ForbiddenException.class);
        admin.queueForCache(active.id());
        dev.imagesdk.v2.CacheState state = admin.cache();
        assertThat(state.queuedImageIds().contains(active.id()) || state.cachedImageIds().contains(active.id()))
                .isTrue();
        admin.removeFromCache(active.id());
        admin.clearCache("queue");
        assertThat(admin.cache().queuedImageIds()).doesNotContain(active.id());
    }

    @Test
    void metadefNamespacesAreListed() {
        JsonNode ns = RawGlance.json(demo.metadefNamespaces());
        assertThat(ns.path("namespaces").isArray()).isTrue();
    }

    @Test
    void wrongCredentialsAreUnauthorized() {
        Map<String, String> env = new java.util.HashMap<>(target.environment("demo"));
        env.put("OS_PASSWORD", "not-the-password");
        assertThatThrownBy(() -> dev.imagesdk.ImageService.builder()
                .config(dev.imagesdk.config.ClientConfig.fromEnvironment(env, List.of())).build()
                .get(java.util.UUID.randomUUID().toString()))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void errorBodiesAreJsonWhenAskedAndPlainTextOtherwise() {
        String missing = "/v2/images/" + java.util.UUID.randomUUID();
        HttpResponse<byte[]> json = rawDemo.get(missing, "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(RawGlance.json(json.body()).path("code").asText()).isEqualTo("404 Not Found");
        HttpResponse<byte[]> plain = rawDemo.get(missing);
        assertThat(plain.statusCode()).isEqualTo(404);
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(plain.headers().firstValue("X-Openstack-Request-Id")).isPresent();
    }
}
