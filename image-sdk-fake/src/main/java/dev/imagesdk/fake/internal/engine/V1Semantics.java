package dev.imagesdk.fake.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Glance v1 does differently over the same images: header-style metadata update with property
 * purge, {@code killed} images, copy-from, and v1's member and shared-images calls.
 */
public final class V1Semantics {
    private final EngineState state;
    private final Policy policy;
    private final Images images;
    private final ImageData data;
    private final Imports imports;

    V1Semantics(EngineState state, Policy policy, Images images, ImageData data, Imports imports) {
        this.state = state;
        this.policy = policy;
        this.images = images;
        this.data = data;
        this.imports = imports;
    }

    /**
     * v1 {@code PUT /v1/images/{id}} metadata update: core attributes as given (already
     * validated), properties merged or, with {@code purge}, replaced.
     */
    public Image updateV1(Caller c, String id, Map<String, Object> core, Map<String, String> props, boolean purge) {
        return state.locked(() -> {
            Image img = policy.findMutable(c, id);
            if (img.status.equals("deleted")) {
                throw GlanceException.forbidden("Forbidden to update deleted image.");
            }
            Image work = img.copy();
            for (Map.Entry<String, Object> e : core.entrySet()) {
                images.apply(c, work, e.getKey(), e.getValue(), false);
            }
            if (purge) {
                work.properties.keySet().removeIf(k -> !k.startsWith("os_glance"));
            }
            for (Map.Entry<String, String> e : props.entrySet()) {
                SchemaRules.checkWritable(e.getKey(), false);
                if (e.getValue() == null) {
                    work.properties.remove(e.getKey());
                } else {
                    work.properties.put(e.getKey(), e.getValue());
                }
            }
            if (work.properties.size() > state.config.imagePropertyQuota()) {
                throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image "
                        + "properties. Attempted: " + work.properties.size() + ", Maximum: "
                        + state.config.imagePropertyQuota());
            }
            img.name = work.name;
            img.diskFormat = work.diskFormat;
            img.containerFormat = work.containerFormat;
            img.visibility = work.visibility;
            img.isProtected = work.isProtected;
            img.minRam = work.minRam;
            img.minDisk = work.minDisk;
            img.owner = work.owner;
            img.properties.clear();
            img.properties.putAll(work.properties);
            img.updatedAt = state.now();
            return img.copy();
        });
    }

    /** v1: an upload whose checksum did not match: data discarded, image {@code killed}. */
    public void kill(String id) {
        Blob b = state.locked(() -> {
            Image img = state.images.get(id);
            if (img == null) return null;
            Blob old = img.blob;
            img.blob = null;
            img.size = 0L;
            img.checksum = null;
            img.osHashAlgo = null;
            img.osHashValue = null;
            img.virtualSize = null;
            img.stores.clear();
            img.pending = null;
            img.status = "killed";
            img.updatedAt = state.now();
            return old;
        });
        state.blobs.delete(b);
    }

    /** v1 {@code x-glance-api-copy-from} / {@code x-image-meta-location}: fetch data from a URL. */
    public void uploadFrom(Caller c, String id, String uri) throws IOException {
        imports.checkUri(uri);
        String owner = state.locked(() -> policy.findMutable(c, id).owner);
        Blob blob = imports.fetch(uri, owner);
        try (InputStream in = blob.open(0, blob.size())) {
            data.upload(c, id, in);
        } finally {
            state.blobs.delete(blob);
        }
    }

    /** v1 {@code PUT /v1/images/{id}/members/{member}}: adds or updates a membership. */
    public void putMemberV1(Caller c, String id, String memberId, boolean canShare) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (img.visibility.equals("public")) {
                throw GlanceException.forbidden("Only shared images have members.");
            }
            Member m = img.members.get(memberId);
            if (m == null) {
                if (img.members.size() + 1 > state.config.imageMemberQuota()) {
                    throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image "
                            + "members for this image. Attempted: " + (img.members.size() + 1) + ", Maximum: "
                            + state.config.imageMemberQuota());
                }
                m = new Member(id, memberId, state.now());
                img.members.put(memberId, m);
            }
            m.canShare = canShare;
            m.updatedAt = state.now();
        });
    }

    /** v1 {@code PUT /v1/images/{id}/members}: replaces the whole member list. */
    public void replaceMembersV1(Caller c, String id, Map<String, Boolean> members) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (members.size() > state.config.imageMemberQuota()) {
                throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image members "
                        + "for this image. Attempted: " + members.size() + ", Maximum: " + state.config.imageMemberQuota());
            }
            img.members.keySet().retainAll(members.keySet());
            Instant now = state.now();
            members.forEach((mid, share) -> {
                Member m = img.members.computeIfAbsent(mid, k -> new Member(id, k, now));
                m.canShare = share;
            });
        });
    }

    /** v1 {@code GET /v1/images/{id}/members}: visible to the owner and the members. */
    public List<Member> membersV1(Caller c, String id) {
        return state.locked(() -> {
            Image img = policy.find(c, id);
            return img.members.values().stream()
                    .filter(m -> Policy.mutable(c, img) || m.memberId.equals(c.projectId()))
                    .map(Member::copy).toList();
        });
    }

    /** v1 {@code DELETE /v1/images/{id}/members/{member}}. */
    public void deleteMemberV1(Caller c, String id, String memberId) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (img.members.remove(memberId) == null) {
                throw GlanceException.notFound("The resource could not be found.");
            }
        });
    }

    /** v1 {@code GET /v1/shared-images/{member}}: images shared with a project. */
    public List<Member> sharedWith(Caller c, String memberId) {
        return state.locked(() -> {
            List<Member> out = new ArrayList<>();
            for (Image img : state.images.values()) {
                Member m = img.members.get(memberId);
                if (m != null && Policy.visible(c, img)) {
                    out.add(m.copy());
                }
            }
            return out;
        });
    }
}
