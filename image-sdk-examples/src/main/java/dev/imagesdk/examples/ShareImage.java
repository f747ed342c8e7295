package dev.imagesdk.examples;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.identity.ProjectRef;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.Visibility;

import java.nio.charset.StandardCharsets;

/**
 * Shares an image (API v2) with another project, accepts the share as that project, and lists what each
 * side sees.
 *
 * <pre>
 *   ShareImage [--keep]                                     (embedded fake: demo shares with alt_demo)
 *   ShareImage --member-cloud CLOUD                         (real cloud: a clouds.yaml cloud for the member)
 *   ShareImage --member-project-name NAME                   (share with a project by name: needs the right
 *                                                            to list projects, usually admin)
 *   ShareImage --member-project ID                          (share with a project id as given)
 * </pre>
 *
 * Without {@code --member-project} or {@code --member-project-name}, the member's project id is the one its own
 * token is scoped to ({@code identity().currentProjectId()}), so no {@code openstack project show} is needed.
 */
public final class ShareImage {

    private ShareImage() {
    }

    public static void main(String[] args) {
        ExampleEnvironment.exit(ExampleEnvironment.run(args, new String[] {"member-cloud", "member-project", "member-project-name"},
                ShareImage::share));
    }

    static void share(ExampleEnvironment env) {
        if (env.api().filter(v -> v != ApiVersion.V2).isPresent()) {
            throw new InvalidInputException("--api", "v1", "ShareImage shows the v2 member workflow");
        }
        Console console = env.console();
        // The member accept/reject call exists only in API v2.
        ImageService owner = env.connect();
        ImageService member = env.connectMember();
        if (owner.apiVersion() != ApiVersion.V2 || member.apiVersion() != ApiVersion.V2) {
            throw new InvalidInputException("api", owner.apiVersion().toString(), "the cloud must offer API v2");
        }
        ProjectRef memberRef = env.option("member-project").map(ProjectRef::byId)
                .or(() -> env.option("member-project-name").map(ProjectRef::byName))
                .orElseGet(() -> ProjectRef.byId(member.identity().currentProjectId()));
        String memberProject = owner.identity().resolve(memberRef);
        console.line("Owner and member connected with image API " + owner.apiVersion());

        console.step("Create a shareable image as the owner");
        Image image = owner.createAndUpload(ImageSpec.builder()
                        .name("shared-demo")
                        .diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE)
                        .visibility(Visibility.SHARED)
                        .build(),
                ImageData.fromBytes("shared image data".getBytes(StandardCharsets.UTF_8)), TransferListener.NONE);
        String id = image.id();
        console.detail(image.name() + "  " + id + "  visibility " + image.visibility());
        try {
            console.step("Share it with project " + memberRef.name().map(n -> n + " (" + memberProject + ")")
                    .orElse(memberProject));
            Member added = owner.addMember(id, memberProject);
            console.detail("member " + added.memberId() + " is " + added.status());

            console.step("As the member: the image waits for acceptance");
            console.table(Table.list(member.list(ImageQuery.builder()
                    .visibility(Visibility.SHARED).memberStatus(MemberStatus.PENDING).build())));

            console.step("As the member: accept it");
            Member accepted = member.updateMemberStatus(id, memberProject, MemberStatus.ACCEPTED);
            console.detail("member " + accepted.memberId() + " is " + accepted.status());

            console.step("As the member: images shared with this project (accepted ones are listed by default)");
            console.table(Table.list(member.list(ImageQuery.builder().visibility(Visibility.SHARED).build())));

            console.step("As the owner: the image's members");
            Table members = new Table("Member", "Status", "Updated");
            for (Member m : owner.members(id)) {
                members.row(m.memberId(), m.status(), m.updatedAt());
            }
            console.table(members);
        } finally {
            if (env.keep()) {
                console.step("Keep the shared image (--keep): " + id);
            } else {
                console.step("Delete the image (the share goes with it)");
                owner.delete(id);
                console.detail("deleted " + id);
            }
        }
    }
}
