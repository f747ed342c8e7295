package dev.imagesdk.examples;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceClient;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FakeGlanceExtension.class)
class ShareImageTest {

    @Test
    void theMemberProjectAcceptsAndSeesTheSharedImage(FakeGlance fake,
            @FakeGlanceClient(user = "alt_demo") ImageService member) {
        String out = ExampleRunner.run(fake, ShareImage::main, "--keep");

        List<Map<String, Object>> shared = ExampleRunner.imagesNamed(fake, "shared-demo");
        assertThat(shared).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("owner", fake.projectId("demo"))
                .containsEntry("visibility", "shared")
                .containsEntry("members", List.of(fake.projectId("alt_demo") + ":accepted")));
        String id = (String) shared.get(0).get("id");
        List<Image> seen = member.list(ImageQuery.builder().visibility(Visibility.SHARED).build()).stream().toList();
        assertThat(seen).extracting(Image::id).containsExactly(id);
        assertThat(out).contains("is pending").contains("is accepted");
    }

    @Test
    void withoutKeepTheSharedImageIsDeleted(FakeGlance fake) {
        ExampleRunner.run(fake, ShareImage::main);

        assertThat(fake.images()).isEmpty();
    }

    @Test
    void theMemberProjectComesFromTheMembersOwnToken(FakeGlance fake) {
        String out = ExampleRunner.run(fake, ShareImage::main, "--keep");

        assertThat(out).contains("Share it with project " + fake.projectId("alt_demo"));
    }

    @Test
    void aProjectNameTheOwnerMayNotLookUpIsRefusedNamingTheCallBeforeAnythingIsCreated(FakeGlance fake) {
        assertThatThrownBy(() -> ExampleRunner.run(fake, ShareImage::main, "--member-project-name", "alt_demo"))
                .isInstanceOf(dev.imagesdk.exception.ForbiddenException.class)
                .hasMessageContaining("/v3/projects?name=alt_demo");
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void apiV1IsRefusedBeforeAnythingIsCreated(FakeGlance fake) {
        assertThatThrownBy(() -> ExampleRunner.run(fake, ShareImage::main, "--api", "v1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("v2");
        assertThat(fake.images()).isEmpty();
    }
}
