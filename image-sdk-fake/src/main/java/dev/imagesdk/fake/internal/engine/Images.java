package dev.imagesdk.fake.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * Glance's image resource ({@code /v2/images}, {@code /v2/images/{id}}, {@code .../actions}): create,
 * show, update (JSON patch), delete, list (filter, sort, marker), deactivate and reactivate, with the
 * policies and property/tag quotas that guard them.
 */
public final class Images {
    private final EngineState state;
    private final Policy policy;
    private final Transitions transitions;

    Images(EngineState state, Policy policy, Transitions transitions) {
        this.state = state;
        this.policy = policy;
        this.transitions = transitions;
    }

    /** {@code POST /v2/images}: body attributes as parsed JSON. */
    public Image create(Caller c, Map<String, Object> body) {
        for (String key : body.keySet()) {
            SchemaRules.checkWritable(key, true);
        }
        // Glance 25 without show_multiple_locations refuses locations on create before validating them
        if (body.containsKey("locations")) {
            throw GlanceException.forbidden("Attribute 'locations' is reserved.");
        }
        body.forEach(SchemaRules::checkValue);
        return state.locked(() -> {
            Image img = new Image();
            String id = (String) body.get("id");
            if (id != null && (state.images.containsKey(id) || state.deletedIds.contains(id))) {
                throw GlanceException.conflict("Image ID " + id + " already exists!");
            }
            img.id = id != null ? id : UUID.randomUUID().toString();
            img.owner = c.projectId();
            Instant now = state.now();
            img.createdAt = now;
            img.updatedAt = now;
            int props = 0;
            for (Map.Entry<String, Object> e : body.entrySet()) {
                if (!SchemaRules.CORE.contains(e.getKey()) && !e.getKey().equals("id")) {
                    props++;
                }
            }
            if (props > state.config.imagePropertyQuota()) {
                throw propertyQuota(props);
            }
            for (Map.Entry<String, Object> e : body.entrySet()) {
                apply(c, img, e.getKey(), e.getValue(), true);
            }
            if (img.tags.size() > state.config.imageTagQuota()) {
                throw tagQuota(img.tags.size());
            }
            state.images.put(img.id, img);
            return img.copy();
        });
    }

    private GlanceException propertyQuota(int attempted) {
        return GlanceException.tooLarge("The limit has been exceeded on the number of allowed image properties. "
                + "Attempted: " + attempted + ", Maximum: " + state.config.imagePropertyQuota());
    }

    GlanceException tagQuota(int attempted) {
        return GlanceException.tooLarge("The limit has been exceeded on the number of allowed image tags. "
                + "Attempted: " + attempted + ", Maximum: " + state.config.imageTagQuota());
    }

    /** Sets one writable attribute, applying the policies that guard it. */
    void apply(Caller c, Image img, String key, Object v, boolean creating) {
        switch (key) {
            case "id":
                break;
            case "name":
                img.name = (String) v;
                break;
            case "disk_format":
                img.diskFormat = (String) v;
                break;
            case "container_format":
                img.containerFormat = (String) v;
                break;
            case "visibility":
                if ("public".equals(v) && !c.admin()) {
                    throw GlanceException.forbidden("You are not authorized to complete publicize_image action.");
                }
                img.visibility = (String) v;
                break;
            case "protected":
                img.isProtected = (Boolean) v;
                break;
            case "os_hidden":
                img.osHidden = (Boolean) v;
                break;
            case "min_ram":
                img.minRam = ((Number) v).intValue();
                break;
            case "min_disk":
                img.minDisk = ((Number) v).intValue();
                break;
            case "owner":
                if (!c.admin() && !Objects.equals(v, c.projectId())) {
                    throw GlanceException.forbidden(creating
                            ? "You are not permitted to create images owned by '" + v + "'."
                            : "You are not permitted to modify 'owner' on this image.");
                }
                img.owner = (String) v;
                break;
            case "tags":
                img.tags.clear();
                for (Object t : (List<?>) v) {
                    img.tags.add((String) t);
                }
                break;
            case "locations":
                throw GlanceException.forbidden("It's not allowed to add locations if locations are invisible.");
            default:
                img.properties.put(key, (String) v);
        }
    }

    /** {@code GET /v2/images/{id}}: counts as a poll for controlled transitions. */
    public Image show(Caller c, String id) {
        return state.locked(() -> {
            Image img = policy.find(c, id);
            transitions.poll(img);
            return img.copy();
        });
    }

    /** The image as the control API sees it (no policy, no poll). */
    public Optional<Image> peek(String id) {
        return state.locked(() -> Optional.ofNullable(state.images.get(id)).map(Image::copy));
    }

    public List<Image> all() {
        return state.locked(() -> state.images.values().stream().map(Image::copy).toList());
    }

    /** {@code PATCH /v2/images/{id}}. */
    public Image update(Caller c, String id, List<PatchOp> ops) {
        return state.locked(() -> {
            Image img = policy.findMutable(c, id);
            Image work = img.copy();
            for (PatchOp op : ops) {
                String path = op.path();
                SchemaRules.checkWritable(path, false);
                switch (op.op()) {
                    case "add":
                    case "replace":
                        SchemaRules.checkValue(path, op.value());
                        if (op.op().equals("replace") && !SchemaRules.CORE.contains(path)
                                && !work.properties.containsKey(path)) {
                            throw GlanceException.of(409, "There was a conflict when trying to complete your request.",
                                    "Property " + path + " does not exist.");
                        }
                        apply(c, work, path, op.value(), false);
                        break;
                    case "remove":
                        if (SchemaRules.CORE.contains(path)) {
                            throw GlanceException.forbidden("Properties " + path + " cannot be removed.");
                        }
                        if (work.properties.remove(path) == null) {
                            throw GlanceException.of(409, "There was a conflict when trying to complete your request.",
                                    "Property " + path + " does not exist.");
                        }
                        break;
                    default:
                        throw GlanceException.badRequest("Invalid operation: `" + op.op()
                                + "`. It must be one of the following: add, remove, replace.");
                }
            }
            if (work.properties.size() > state.config.imagePropertyQuota()) {
                throw propertyQuota(work.properties.size());
            }
            if (work.tags.size() > state.config.imageTagQuota()) {
                throw tagQuota(work.tags.size());
            }
            img.name = work.name;
            img.diskFormat = work.diskFormat;
            img.containerFormat = work.containerFormat;
            img.visibility = work.visibility;
            img.isProtected = work.isProtected;
            img.osHidden = work.osHidden;
            img.minRam = work.minRam;
            img.minDisk = work.minDisk;
            img.owner = work.owner;
            img.tags.clear();
            img.tags.addAll(work.tags);
            img.properties.clear();
            img.properties.putAll(work.properties);
            img.updatedAt = state.now();
            return img.copy();
        });
    }

    /** {@code DELETE /v2/images/{id}}: protected images are 403, the data is freed. */
    public void delete(Caller c, String id) {
        Image removed = state.locked(() -> {
            Image img = state.images.get(id);
            if (img == null || !Policy.visible(c, img)) {
                throw GlanceException.notFound("Failed to find image " + id + " to delete");
            }
            if (!Policy.mutable(c, img)) {
                throw GlanceException.forbidden("You are not authorized to complete delete_image action.");
            }
            if (img.isProtected) {
                throw GlanceException.forbidden("Image " + id + " is protected and cannot be deleted.");
            }
            state.images.remove(id);
            state.deletedIds.add(id);
            state.cached.remove(id);
            state.cacheQueue.remove(id);
            img.status = "deleted";
            return img;
        });
        state.blobs.delete(removed.blob);
        state.blobs.delete(removed.staged);
    }

    /** {@code GET /v2/images}: one page, filtered, sorted and after the marker. */
    public List<Image> list(Caller c, ImageQuery q) {
        return state.locked(() -> {
            Comparator<Image> order = comparator(q.sort);
            Image marker = null;
            if (q.marker != null) {
                marker = state.images.get(q.marker);
                if (marker == null || !Policy.visible(c, marker)) {
                    throw GlanceException.badRequest("No image found with ID " + q.marker);
                }
            }
            // The page is the q.limit first images after the marker: kept in a bounded heap (largest on top), so a
            // page costs about one comparison per image instead of a sort of them all.
            PriorityQueue<Image> page = new PriorityQueue<>(Math.max(1, Math.min(q.limit, 1024)) + 1, order.reversed());
            for (Image img : state.images.values()) {
                if (q.limit > 0 && listable(c, img, q) && matches(img, q)
                        && (marker == null || order.compare(img, marker) > 0)) {
                    if (page.size() < q.limit) {
                        page.add(img);
                    } else if (order.compare(img, page.peek()) < 0) {
                        page.poll();
                        page.add(img);
                    }
                }
            }
            List<Image> out = new ArrayList<>(page);
            out.sort(order);
            return out.stream().map(Image::copy).toList();
        });
    }

    private static boolean listable(Caller c, Image img, ImageQuery q) {
        boolean hidden = q.osHidden != null ? q.osHidden : false;
        if (img.osHidden != hidden) {
            return false;
        }
        String want = q.visibility;
        if (want != null && !want.equals("all") && !want.equals(img.visibility)) {
            return false;
        }
        // Glance lists community images by default only to their owner.
        if (want == null && img.visibility.equals("community") && !c.owns(img.owner)) {
            return false;
        }
        if (c.admin()) {
            return true;
        }
        boolean own = c.owns(img.owner);
        switch (img.visibility) {
            case "public":
            case "community":
                return true;
            case "private":
                return own;
            case "shared":
                if (own) {
                    return true;
                }
                Member m = c.projectId() == null ? null : img.members.get(c.projectId());
                return m != null && ("all".equals(q.memberStatus) || m.status.equals(q.memberStatus));
            default:
                return own;
        }
    }

    private static boolean matches(Image img, ImageQuery q) {
        for (Map.Entry<String, List<String>> e : q.in.entrySet()) {
            Object v = img.sortValue(e.getKey());
            if (v == null || !e.getValue().contains(v.toString())) {
                return false;
            }
        }
        if (q.owner != null && !q.owner.equals(img.owner)) return false;
        if (q.isProtected != null && q.isProtected != img.isProtected) return false;
        if (!img.tags.containsAll(q.tags)) return false;
        if (q.sizeMin != null && (img.size == null || img.size < q.sizeMin)) return false;
        if (q.sizeMax != null && (img.size == null || img.size > q.sizeMax)) return false;
        for (ImageQuery.TimeFilter t : q.times) {
            Instant v = t.field().equals("created_at") ? img.createdAt : img.updatedAt;
            int cmp = v.compareTo(t.value());
            boolean ok;
            switch (t.op()) {
                case "gt": ok = cmp > 0; break;
                case "gte": ok = cmp >= 0; break;
                case "lt": ok = cmp < 0; break;
                case "lte": ok = cmp <= 0; break;
                case "neq": ok = cmp != 0; break;
                default: ok = cmp == 0;
            }
            if (!ok) return false;
        }
        for (Map.Entry<String, String> e : q.properties.entrySet()) {
            if (!e.getValue().equals(img.properties.get(e.getKey()))) return false;
        }
        for (Map.Entry<String, String> e : q.columns.entrySet()) {
            if (!img.columnEquals(e.getKey(), e.getValue())) return false;
        }
        return q.extra.test(img);
    }

    /** Sort keys, then Glance's implicit created_at and id tie-breakers; nulls sort lowest. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Image> comparator(List<String[]> sort) {
        List<String[]> keys = new ArrayList<>(sort);
        if (keys.isEmpty()) {
            keys.add(new String[] {"created_at", "desc"});
        }
        String lastDir = keys.get(keys.size() - 1)[1];
        if (keys.stream().noneMatch(k -> k[0].equals("created_at"))) {
            keys.add(new String[] {"created_at", lastDir});
        }
        if (keys.stream().noneMatch(k -> k[0].equals("id"))) {
            keys.add(new String[] {"id", lastDir});
        }
        Comparator<Image> cmp = null;
        for (String[] k : keys) {
            String key = k[0];
            Comparator<Image> one = (a, b) -> {
                Comparable va = a.sortValue(key);
                Comparable vb = b.sortValue(key);
                if (va == null) return vb == null ? 0 : -1;
                if (vb == null) return 1;
                return va.compareTo(vb);
            };
            if (k[1].equals("desc")) {
                one = one.reversed();
            }
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        return cmp;
    }

    /** {@code POST /v2/images/{id}/actions/deactivate}: idempotent; 403 from any other status. */
    public void deactivate(Caller c, String id) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (img.status.equals("deactivated")) return;
            if (!img.status.equals("active")) {
                throw GlanceException.forbidden("Not allowed to deactivate image in status '" + img.status + "'");
            }
            img.status = "deactivated";
            img.updatedAt = state.now();
        });
    }

    /** {@code POST /v2/images/{id}/actions/reactivate}: idempotent; 403 from any other status. */
    public void reactivate(Caller c, String id) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (img.status.equals("active")) return;
            if (!img.status.equals("deactivated")) {
                throw GlanceException.forbidden("Not allowed to reactivate image in status '" + img.status + "'");
            }
            img.status = "active";
            img.updatedAt = state.now();
        });
    }
}
