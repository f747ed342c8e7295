package dev.imagesdk.identity;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceClient;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Projects by name and the current project, against the fake Keystone with its default policies. */
@ExtendWith(FakeGlanceExtension.class)
class IdentityFakeTest {

    static Image sharedImage(ImageService images) {
        return images.create(ImageSpec.builder().name("to share").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).visibility(Visibility.SHARED).build());
    }

    @Test
    void theCurrentProjectIsTheTokensWithoutAKeystoneCall(ImageService images, FakeGlance fake) {
        images.get(sharedImage(images).id()); // authenticated
        fake.clearRequests();

        assertThat(images.identity().currentProjectId()).isEqualTo(fake.projectId("demo"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anyUserListsItsOwnProjects(ImageService images, FakeGlance fake) {
        assertThat(images.identity().myProjects())
                .containsExactly(new Project(fake.projectId("demo"), "demo", "default"));
    }

    @Test
    void aUserFindsItsOwnProjectByNameWithoutListingProjects(ImageService images, FakeGlance fake) {
        assertThat(images.identity().findProject("demo")).hasValueSatisfying(
                p -> assertThat(p.id()).isEqualTo(fake.projectId("demo")));
        assertThat(fake.requests()).noneMatch(r -> r.path().equals("/v3/projects"));
    }

    @Test
    void anAdminFindsAnyProjectByName(@FakeGlanceClient(user = "admin") ImageService admin, FakeGlance fake) {
        assertThat(admin.identity().findProject("alt_demo")).hasValueSatisfying(
                p -> assertThat(p.id()).isEqualTo(fake.projectId("alt_demo")));
        assertThat(admin.identity().findProject("no such project")).isEmpty();
    }

    @Test
    void addMemberTakesAProjectName(@FakeGlanceClient(user = "admin") ImageService admin, FakeGlance fake) {
        Image image = sharedImage(admin);

        Member member = admin.addMember(image.id(), ProjectRef.byName("alt_demo"));

        assertThat(member.memberId()).isEqualTo(fake.projectId("alt_demo"));
        assertThat(fake.image(image.id()).orElseThrow().get("members").toString())
                .contains(fake.projectId("alt_demo"));
    }

    @Test
    void anUnknownProjectNameIsRefusedNamingIt(@FakeGlanceClient(user = "admin") ImageService admin) {
        Image image = sharedImage(admin);

        assertThatThrownBy(() -> admin.addMember(image.id(), ProjectRef.byName("nobody")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("projectName")
                .hasMessageContaining("nobody");
        assertThat(admin.members(image.id())).isEmpty();
    }

    @Test
    void aUserWhoMayNotListProjectsGetsAnErrorNamingTheRefusedCall(ImageService images, FakeGlance fake) {
        Image image = sharedImage(images);

        assertThatThrownBy(() -> images.addMember(image.id(), ProjectRef.byName("alt_demo")))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("GET " + fake.keystoneUrl() + "/projects?name=alt_demo")
                .hasMessageContaining("identity:list_projects")
                .hasMessageContaining("ProjectRef.byId");
        assertThat(images.members(image.id())).isEmpty();
    }

    @Test
    void keystoneV2ListsTheTenantsOwnAndFindsItByName(FakeGlance fake) {
        dev.imagesdk.config.ClientConfig v2 = dev.imagesdk.config.ClientConfig.builder()
                .auth(new dev.imagesdk.auth.AuthMethod.V2Password("demo", "demo", "demo", null))
                .authUrl(fake.url() + "/v2.0").build();
        try (ImageService images = ImageService.builder().config(v2).build()) {
            assertThat(images.identity().currentProjectId()).isEqualTo(fake.projectId("demo"));
            assertThat(images.identity().myProjects()).extracting(Project::name).containsExactly("demo");
            assertThat(images.identity().findProject("demo")).hasValueSatisfying(
                    p -> assertThat(p.id()).isEqualTo(fake.projectId("demo")));
            assertThatThrownBy(() -> images.identity().findProject("alt_demo"))
                    .isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class)
                    .hasMessageContaining("only your own tenants");
        }
    }

    @Test
    void aProjectGivenByIdIsUsedAsGiven(ImageService images, FakeGlance fake) {
        Image image = sharedImage(images);
        fake.clearRequests();

        Member member = images.addMember(image.id(), ProjectRef.byId(fake.projectId("alt_demo")));

        assertThat(member.memberId()).isEqualTo(fake.projectId("alt_demo"));
        assertThat(fake.requests()).noneMatch(r -> r.path().startsWith("/v3/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a/b          | a%2Fb",
            "%41bc        | %2541bc",
            "..           | ..",
            "x?y          | x%3Fy",
            "x#y          | x%23y",
            "a b&name=c   | a%20b%26name%3Dc",
            "é✓           | %C3%A9%E2%9C%93"})
    void aHostileProjectNameIsOneQueryValueOnTheWire(String name, String onTheWire,
                                                     @FakeGlanceClient(user = "admin") ImageService admin,
                                                     FakeGlance fake) {
        fake.clearRequests();

        assertThat(admin.identity().findProject(name)).isEmpty();

        assertThat(fake.requests()).filteredOn(r -> r.path().equals("/v3/projects"))
                .extracting(r -> r.query()).containsExactly("name=" + onTheWire);
    }

    @Test
    void aProjectNameWithLineBreaksIsOneQueryValueOnTheWire(@FakeGlanceClient(user = "admin") ImageService admin,
                                                           FakeGlance fake) {
        fake.clearRequests();

        assertThat(admin.identity().findProject("a\r\nX-Injected: 1")).isEmpty();

        assertThat(fake.requests()).filteredOn(r -> r.path().equals("/v3/projects"))
                .extracting(r -> r.query()).containsExactly("name=a%0D%0AX-Injected%3A%201");
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.headers().keySet())
                .noneMatch(k -> k.equalsIgnoreCase("X-Injected")));
    }
}
