package dev.imagesdk.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenValueTest {

    @Test
    void knownValuesResolveToTheirConstants() {
        assertThat(ImageStatus.of("active")).isSameAs(ImageStatus.ACTIVE);
        assertThat(DiskFormat.of("qcow2")).isSameAs(DiskFormat.QCOW2);
        assertThat(ContainerFormat.of("bare")).isSameAs(ContainerFormat.BARE);
        assertThat(Visibility.of("community")).isSameAs(Visibility.COMMUNITY);
        assertThat(MemberStatus.of("accepted")).isSameAs(MemberStatus.ACCEPTED);
        assertThat(ImageStatus.ACTIVE.isKnown()).isTrue();
    }

    @Test
    void unknownServerValueIsKeptVerbatimAndRoundTrips() {
        ImageStatus s = ImageStatus.of("quarantined");
        assertThat(s.isKnown()).isFalse();
        assertThat(s.value()).isEqualTo("quarantined");
        assertThat(s.toString()).isEqualTo("quarantined");
        assertThat(ImageStatus.of(s.value())).isEqualTo(s).hasSameHashCodeAs(s);

        DiskFormat d = DiskFormat.of("gpt");
        assertThat(d.isKnown()).isFalse();
        assertThat(DiskFormat.of(d.value()).value()).isEqualTo("gpt");
        assertThat(Visibility.of("tenant-only").value()).isEqualTo("tenant-only");
        assertThat(MemberStatus.of("revoked").isKnown()).isFalse();
        assertThat(ContainerFormat.of("vhdset").value()).isEqualTo("vhdset");
    }

    @Test
    void knownValuesAreMatchedCaseInsensitivelyForStatusesAndFormats() {
        assertThat(DiskFormat.of("QCOW2")).isSameAs(DiskFormat.QCOW2);
        assertThat(ImageStatus.of("ACTIVE")).isSameAs(ImageStatus.ACTIVE);
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqual() {
        assertThat((Object) DiskFormat.AMI).isNotEqualTo(ContainerFormat.AMI);
        assertThat(ImageLifecycle.ACTIVE).isNotEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void architectureValuesAreCaseSensitiveAsGlanceStoresThem() {
        assertThat(Architecture.of("x86_64")).isSameAs(Architecture.X86_64);
        assertThat(Architecture.of("X86_64").isKnown()).isFalse();
    }

    @Test
    void knownValuesListsTheConstantsInOrder() {
        assertThat(ImageStatus.knownValues()).extracting(ImageStatus::value).containsExactly(
                "queued", "saving", "uploading", "importing", "active", "deactivated", "killed", "deleted",
                "pending_delete");
        assertThat(Visibility.knownValues()).extracting(Visibility::value)
                .containsExactly("public", "private", "shared", "community", "all");
    }
}
