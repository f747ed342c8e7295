package dev.imagesdk.fake.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The fake Glance's state and rules: images, data, members, tags, tasks, stores and the status
 * machine, with visibility and policies as Glance applies them. Thread-safe: metadata changes
 * run under one lock, image bytes stream outside it.
 */
public final class Engine implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Image> images = new LinkedHashMap<>();
    private final Set<String> deletedIds = new HashSet<>();
    private final LinkedHashMap<String, Task> tasks = new LinkedHashMap<>();
    private final Set<String> cached = new java.util.LinkedHashSet<>();
    private final Set<String> cacheQueue = new java.util.LinkedHashSet<>();
    private final FakeClock clock;
    private final BlobStore blobs;
    private volatile EngineConfig config;
    private volatile TransitionMode uploadMode = TransitionMode.IMMEDIATE;
    private volatile TransitionMode importMode = TransitionMode.IMMEDIATE;
    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Engine(EngineConfig config, FakeClock clock) {
        this.config = config;
        this.clock = clock;
        this.blobs = new BlobStore(config.memoryThreshold());
    }

    public EngineConfig config() { return config; }
    public void config(EngineConfig c) { this.config = c; }
    public FakeClock clock() { return clock; }
    public BlobStore blobs() { return blobs; }
    public void uploadTransitions(TransitionMode m) { uploadMode = m; }
    public void importTransitions(TransitionMode m) { importMode = m; }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private void lockedRun(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    private Instant now() {
        return clock.now().truncatedTo(ChronoUnit.SECONDS);
    }

    // ---------------------------------------------------------------- visibility and policy

    /** Glance's is_image_visible: admin, owner, public, community, or a member of a shared image. */
    static boolean visible(Caller c, Image img) {
        if (c.admin() || c.owns(img.owner)) {
            return true;
        }
        switch (img.visibility) {
            case "public":
            case "community":
                return true;
            case "shared":
                return c.projectId() != null && img.members.containsKey(c.projectId());
            default:
                return false;
        }
    }

    private static boolean mutable(Caller c, Image img) {
        return c.admin() || c.owns(img.owner);
    }

    private Image find(Caller c, String id) {
        Image img = images.get(id);
        if (img == null || !visible(c, img)) {
            throw GlanceException.imageNotFound(id);
        }
        return img;
    }

    private Image findMutable(Caller c, String id) {
        Image img = find(c, id);
        if (!mutable(c, img)) {
            throw GlanceException.forbidden("You do not own this image");
        }
        return img;
    }

    // ---------------------------------------------------------------- images

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
        return locked(() -> {
            Image img = new Image();
            String id = (String) body.get("id");
            if (id != null && (images.containsKey(id) || deletedIds.contains(id))) {
                throw GlanceException.conflict("Image ID " + id + " already exists!");
            }
            img.id = id != null ? id : UUID.randomUUID().toString();
            img.owner = c.projectId();
            Instant now = now();
            img.createdAt = now;
            img.updatedAt = now;
            int props = 0;
            for (Map.Entry<String, Object> e : body.entrySet()) {
                if (!SchemaRules.CORE.contains(e.getKey()) && !e.getKey().equals("id")) {
                    props++;
                }
            }
            if (props > config.imagePropertyQuota()) {
                throw propertyQuota(props);
            }
            for (Map.Entry<String, Object> e : body.entrySet()) {
                apply(c, img, e.getKey(), e.getValue(), true);
            }
            if (img.tags.size() > config.imageTagQuota()) {
                throw tagQuota(img.tags.size());
            }
            images.put(img.id, img);
            return img.copy();
        });
    }

    private GlanceException propertyQuota(int attempted) {
        return GlanceException.tooLarge("The limit has been exceeded on the number of allowed image properties. "
                + "Attempted: " + attempted + ", Maximum: " + config.imagePropertyQuota());
    }

    private GlanceException tagQuota(int attempted) {
        return GlanceException.tooLarge("The limit has been exceeded on the number of allowed image tags. "
                + "Attempted: " + attempted + ", Maximum: " + config.imageTagQuota());
    }

    /** Sets one writable attribute, applying the policies that guard it. */
    private void apply(Caller c, Image img, String key, Object v, boolean creating) {
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
        return locked(() -> {
            Image img = find(c, id);
            poll(img);
            return img.copy();
        });
    }

    /** The image as the control API sees it (no policy, no poll). */
    public Optional<Image> peek(String id) {
        return locked(() -> Optional.ofNullable(images.get(id)).map(Image::copy));
    }

    public List<Image> all() {
        return locked(() -> images.values().stream().map(Image::copy).toList());
    }

    private void poll(Image img) {
        Image.Transition t = img.pending;
        if (t != null && t.pollsLeft > 0 && --t.pollsLeft == 0) {
            complete(img);
        }
    }

    private void complete(Image img) {
        Image.Transition t = img.pending;
        img.pending = null;
        t.onComplete.run();
        img.status = t.target;
        img.updatedAt = now();
    }

    /** Runs the transition now or schedules it by the given mode. */
    private void transition(Image img, String interim, String target, TransitionMode mode, Runnable onComplete) {
        img.pending = new Image.Transition(target, mode.polls(), onComplete);
        img.status = interim;
        if (mode.polls() == 0) {
            complete(img);
        }
    }

    /** Completes a pending (manual or poll-counted) transition; false if none was pending. */
    public boolean completeTransition(String id) {
        return locked(() -> {
            Image img = images.get(id);
            if (img == null || img.pending == null) {
                return false;
            }
            complete(img);
            return true;
        });
    }

    /** Forces a status (control API), e.g. {@code killed}. */
    public void forceStatus(String id, String status) {
        lockedRun(() -> {
            Image img = images.get(id);
            if (img == null) {
                throw GlanceException.imageNotFound(id);
            }
            img.pending = null;
            img.status = status;
            img.updatedAt = now();
        });
    }

    /** {@code PATCH /v2/images/{id}}. */
    public Image update(Caller c, String id, List<PatchOp> ops) {
        return locked(() -> {
            Image img = findMutable(c, id);
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
            if (work.properties.size() > config.imagePropertyQuota()) {
                throw propertyQuota(work.properties.size());
            }
            if (work.tags.size() > config.imageTagQuota()) {
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
            img.updatedAt = now();
            return img.copy();
        });
    }

    /** {@code DELETE /v2/images/{id}}: protected images are 403, the data is freed. */
    public void delete(Caller c, String id) {
        Image removed = locked(() -> {
            Image img = images.get(id);
            if (img == null || !visible(c, img)) {
                throw GlanceException.notFound("Failed to find image " + id + " to delete");
            }
            if (!mutable(c, img)) {
                throw GlanceException.forbidden("You are not authorized to complete delete_image action.");
            }
            if (img.isProtected) {
                throw GlanceException.forbidden("Image " + id + " is protected and cannot be deleted.");
            }
            images.remove(id);
            deletedIds.add(id);
            cached.remove(id);
            cacheQueue.remove(id);
            img.status = "deleted";
            return img;
        });
        blobs.delete(removed.blob);
        blobs.delete(removed.staged);
    }

    /** {@code GET /v2/images}: one page, filtered, sorted and after the marker. */
    public List<Image> list(Caller c, ImageQuery q) {
        return locked(() -> {
            Comparator<Image> order = comparator(q.sort);
            Image marker = null;
            if (q.marker != null) {
                marker = images.get(q.marker);
                if (marker == null || !visible(c, marker)) {
                    throw GlanceException.badRequest("No image found with ID " + q.marker);
                }
            }
            // The page is the q.limit first images after the marker: kept in a bounded heap (largest on top), so a
            // page costs about one comparison per image instead of a sort of them all.
            PriorityQueue<Image> page = new PriorityQueue<>(Math.max(1, Math.min(q.limit, 1024)) + 1, order.reversed());
            for (Image img : images.values()) {
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

    // ---------------------------------------------------------------- data

    /** Project storage in use (active data plus staged data). */
    private long usage(String project) {
        long total = 0;
        for (Image i : images.values()) {
            if (Objects.equals(i.owner, project)) {
                if (i.blob != null) total += i.blob.size();
                if (i.staged != null) total += i.staged.size();
            }
        }
        return total;
    }

    private BlobStore.SizeGuard guard(String owner) {
        long cap = config.imageSizeCap();
        long quota = config.userStorageQuota();
        long used = quota > 0 ? locked(() -> usage(owner)) : 0;
        return written -> {
            if (written > cap) {
                throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
            }
            if (quota > 0 && used + written > quota) {
                throw GlanceException.tooLarge("Denying attempt to upload image because it exceeds the quota: "
                        + "The size of the data " + written + " will exceed the limit. " + (quota - used)
                        + " bytes remaining.");
            }
        };
    }

    /**
     * {@code PUT /v2/images/{id}/file}: queued -> saving -> active. On failure the image returns
     * to {@code queued} (as Glance's {@code _restore}) and the partial data is discarded.
     *
     * @throws IOException if the body could not be read (client went away)
     */
    public void upload(Caller c, String id, InputStream data) throws IOException {
        upload(c, id, data, null);
    }

    /**
     * Upload into a named store ({@code X-Image-Meta-Store}); null means the default store.
     *
     * @throws IOException if the body could not be read (client went away)
     */
    public void upload(Caller c, String id, InputStream data, String store) throws IOException {
        if (store != null && !config.stores().contains(store)) {
            throw GlanceException.badRequest("Store for identifier " + store + " not found");
        }
        String target = store != null ? store : config.defaultStore();
        String owner = locked(() -> {
            Image img = findMutable(c, id);
            if (img.status.equals("deactivated")) {
                throw GlanceException.forbidden("Image is deactivated");
            }
            if (!img.status.equals("queued")) {
                throw GlanceException.conflict("Image status transition from " + img.status
                        + " to saving is not allowed");
            }
            img.status = "saving";
            img.updatedAt = now();
            return img.owner;
        });
        Blob blob = writeClaimed(id, owner, "saving", data);
        lockedRun(() -> {
            Image img = stillThereAfterWrite(id, blob);
            transition(img, "saving", "active", uploadMode, () -> installData(img, blob, List.of(target)));
        });
    }

    private void restore(String id, String from) {
        lockedRun(() -> {
            Image img = images.get(id);
            if (img != null && img.status.equals(from)) {
                img.status = "queued";
                img.updatedAt = now();
            }
        });
    }

    private void installData(Image img, Blob blob, List<String> stores) {
        img.blob = blob;
        img.size = blob.size();
        img.checksum = blob.md5();
        img.osHashAlgo = "sha512";
        img.osHashValue = blob.sha512();
        img.virtualSize = virtualSize(img, blob);
        img.stores.clear();
        img.stores.addAll(stores);
    }

    /** Raw and unknown formats: the size; qcow2: the header's virtual size, as Glance's inspector reads it. */
    private static long virtualSize(Image img, Blob blob) {
        if (blob.size() >= 32) {
            try (InputStream in = blob.open(0, 32)) {
                byte[] h = in.readNBytes(32);
                if (h[0] == 'Q' && h[1] == 'F' && h[2] == 'I' && (h[3] & 0xff) == 0xfb) {
                    long v = 0;
                    for (int i = 24; i < 32; i++) {
                        v = (v << 8) | (h[i] & 0xff);
                    }
                    return v;
                }
            } catch (IOException ignored) {
                // fall back to the size
            }
        }
        return blob.size();
    }

    /** What a download needs: the image and its bytes (null blob: no data, 204). */
    public record Download(Image image, Blob blob) {
    }

    /** {@code GET /v2/images/{id}/file}. */
    public Download download(Caller c, String id) {
        return locked(() -> {
            Image img = find(c, id);
            if (img.status.equals("deactivated") && !c.admin()) {
                throw GlanceException.forbidden(
                        "The requested image has been deactivated. Image data download is forbidden.");
            }
            Blob b = img.status.equals("active") || img.status.equals("deactivated") ? img.blob : null;
            return new Download(img.copy(), b);
        });
    }

    /** {@code PUT /v2/images/{id}/stage}: queued -> uploading, data kept in the staging area. */
    /** Writes the data of an image claimed in {@code claimedStatus}; on failure the claim is undone. */
    private Blob writeClaimed(String id, String owner, String claimedStatus, InputStream data) throws IOException {
        try {
            return blobs.write(data, guard(owner));
        } catch (IOException | RuntimeException e) {
            restore(id, claimedStatus);
            throw e;
        }
    }

    /** Under the lock: the image the blob was written for, or 410 (blob dropped) if it was deleted meanwhile. */
    private Image stillThereAfterWrite(String id, Blob blob) {
        Image img = images.get(id);
        if (img == null) {
            blobs.delete(blob);
            throw GlanceException.of(410, "Image " + id + " could not be found after upload. "
                    + "The image may have been deleted during the upload.");
        }
        return img;
    }

    public void stage(Caller c, String id, InputStream data) throws IOException {
        String owner = locked(() -> {
            Image img = findMutable(c, id);
            if (!img.status.equals("queued")) {
                throw GlanceException.conflict("Image status transition from " + img.status
                        + " to uploading is not allowed");
            }
            img.status = "uploading";
            return img.owner;
        });
        Blob blob = writeClaimed(id, owner, "uploading", data);
        lockedRun(() -> {
            Image img = stillThereAfterWrite(id, blob);
            img.staged = blob;
            img.size = blob.size();
            img.updatedAt = now();
        });
    }

    // ---------------------------------------------------------------- import

    /** Parsed {@code POST /v2/images/{id}/import} body. */
    public record ImportRequest(String method, String uri, List<String> stores, boolean allStores,
            Map<String, Object> raw) {
    }

    /** {@code POST /v2/images/{id}/import}: 202 in Glance; completion follows the import mode. */
    public void importImage(Caller c, String id, ImportRequest req, String requestId) {
        String method = req.method();
        if (!List.of("glance-direct", "web-download", "copy-image").contains(method)) {
            throw GlanceException.badRequest("Unknown import method name '" + method + "'.");
        }
        List<String> targets = new ArrayList<>(req.stores() == null ? List.of() : req.stores());
        if (req.allStores()) {
            targets = new ArrayList<>(config.stores());
        }
        for (String s : targets) {
            if (!config.stores().contains(s)) {
                throw GlanceException.conflict("Store for identifier " + s + " not found");
            }
        }
        if (targets.isEmpty() && !method.equals("copy-image")) {
            targets.add(config.defaultStore());
        }
        List<String> stores = targets;
        Task task = locked(() -> {
            Image img = find(c, id);
            if (method.equals("copy-image")) {
                if (!c.admin()) {
                    throw GlanceException.forbidden("You are not authorized to complete copy_image action.");
                }
                for (String s : stores) {
                    if (img.stores.contains(s)) {
                        throw GlanceException.badRequest("Image is already present at store '" + s + "'");
                    }
                }
            } else if (!mutable(c, img)) {
                throw GlanceException.forbidden("You do not own this image");
            }
            if (img.importRunning) {
                throw GlanceException.conflict("Image has active task");
            }
            switch (method) {
                case "glance-direct":
                    if (!img.status.equals("uploading") || img.staged == null) {
                        throw GlanceException.conflict("Image needs to be staged before 'glance-direct' method can be used");
                    }
                    break;
                case "web-download":
                    if (!img.status.equals("queued")) {
                        throw GlanceException.conflict("Image needs to be in 'queued' state to use 'web-download' method");
                    }
                    checkUri(req.uri());
                    break;
                default:
                    if (!img.status.equals("active")) {
                        throw GlanceException.conflict("Image needs to be in 'active' state to use 'copy-image' method");
                    }
                    if (stores.isEmpty()) {
                        throw GlanceException.badRequest("Stores parameter and x-image-meta-store header can't be both specified");
                    }
            }
            img.importRunning = true;
            img.properties.put("os_glance_importing_to_stores", String.join(",", stores));
            img.properties.putIfAbsent("os_glance_failed_import", "");
            if (!method.equals("copy-image")) {
                img.status = "importing";
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("image_id", id);
            input.put("import_req", req.raw());
            input.put("backend", stores);
            Task t = new Task(UUID.randomUUID().toString(), "api_image_import", c.projectId(), c.userId(), id,
                    requestId, input, clock.now());
            t.status = "processing";
            tasks.put(t.id, t);
            return t;
        });
        Blob fetched = null;
        String failure = null;
        if (method.equals("web-download")) {
            try {
                fetched = fetch(req.uri(), locked(() -> images.get(id) == null ? null : images.get(id).owner));
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        Blob data = fetched;
        String failed = failure;
        lockedRun(() -> {
            Image img = images.get(id);
            if (img == null) {
                blobs.delete(data);
                task.status = "failure";
                task.message = "Image not found";
                return;
            }
            if (failed != null) {
                img.importRunning = false;
                img.status = "queued";
                img.properties.put("os_glance_importing_to_stores", "");
                img.properties.put("os_glance_failed_import", String.join(",", stores));
                finishTask(task, "failure", failed);
                return;
            }
            Runnable done = () -> {
                if (method.equals("copy-image")) {
                    for (String s : stores) {
                        if (!img.stores.contains(s)) img.stores.add(s);
                    }
                } else {
                    Blob b = method.equals("glance-direct") ? img.staged : data;
                    img.staged = null;
                    installData(img, b, stores);
                }
                img.importRunning = false;
                img.properties.put("os_glance_importing_to_stores", "");
                finishTask(task, "success", "Copied " + (img.size == null ? 0 : img.size / (1024 * 1024)) + " MiB");
            };
            String interim = method.equals("copy-image") ? "active" : "importing";
            transition(img, interim, "active", importMode, done);
        });
    }

    private void finishTask(Task t, String status, String message) {
        Instant now = clock.now();
        t.status = status;
        t.message = message;
        t.updatedAt = now;
        t.expiresAt = now.plus(Duration.ofHours(48));
        t.result = new LinkedHashMap<>(Map.of("image_id", t.imageId == null ? "" : t.imageId));
    }

    private void checkUri(String uri) {
        URI u;
        try {
            u = URI.create(uri == null ? "" : uri);
        } catch (IllegalArgumentException e) {
            throw GlanceException.badRequest("URI for web-download does not pass filtering: " + uri);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null || !config.webDownloadHosts().contains(u.getHost())) {
            throw GlanceException.badRequest("URI for web-download does not pass filtering: " + uri);
        }
    }

    private Blob fetch(String uri, String owner) throws IOException {
        try {
            HttpResponse<InputStream> r = fetcher.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + " from " + uri);
                }
                return blobs.write(in, guard(owner));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- actions, tags

    public void deactivate(Caller c, String id) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (img.status.equals("deactivated")) return;
            if (!img.status.equals("active")) {
                throw GlanceException.forbidden("Not allowed to deactivate image in status '" + img.status + "'");
            }
            img.status = "deactivated";
            img.updatedAt = now();
        });
    }

    public void reactivate(Caller c, String id) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (img.status.equals("active")) return;
            if (!img.status.equals("deactivated")) {
                throw GlanceException.forbidden("Not allowed to reactivate image in status '" + img.status + "'");
            }
            img.status = "active";
            img.updatedAt = now();
        });
    }

    public void addTag(Caller c, String id, String tag) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (tag.length() > 255) {
                throw SchemaRules.invalid(SchemaRules.repr(tag) + " is too long");
            }
            if (!img.tags.contains(tag) && img.tags.size() + 1 > config.imageTagQuota()) {
                throw tagQuota(img.tags.size() + 1);
            }
            img.tags.add(tag);
            img.updatedAt = now();
        });
    }

    public void removeTag(Caller c, String id, String tag) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (!img.tags.remove(tag)) {
                throw GlanceException.notFound("The resource could not be found.");
            }
            img.updatedAt = now();
        });
    }

    // ---------------------------------------------------------------- members

    private Image sharedImage(Image img) {
        if (!img.visibility.equals("shared")) {
            throw GlanceException.forbidden("Only shared images have members.");
        }
        return img;
    }

    public Member addMember(Caller c, String id, String memberId) {
        return locked(() -> {
            Image img = find(c, id);
            if (!mutable(c, img)) {
                throw GlanceException.forbidden("You are not permitted to create image members for the image.");
            }
            sharedImage(img);
            if (img.members.containsKey(memberId)) {
                throw GlanceException.conflict("Member " + memberId + " is duplicated for image " + id);
            }
            if (img.members.size() + 1 > config.imageMemberQuota()) {
                throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image members "
                        + "for this image. Attempted: " + (img.members.size() + 1) + ", Maximum: "
                        + config.imageMemberQuota());
            }
            Member m = new Member(id, memberId, now());
            img.members.put(memberId, m);
            return m.copy();
        });
    }

    public List<Member> members(Caller c, String id) {
        return locked(() -> {
            Image img = sharedImage(find(c, id));
            return img.members.values().stream()
                    .filter(m -> mutable(c, img) || m.memberId.equals(c.projectId()))
                    .map(Member::copy).toList();
        });
    }

    private Member findMember(Caller c, Image img, String memberId) {
        Member m = img.members.get(memberId);
        if (m == null || !(mutable(c, img) || memberId.equals(c.projectId()))) {
            throw GlanceException.notFound("Member " + memberId + " not found");
        }
        return m;
    }

    public Member member(Caller c, String id, String memberId) {
        return locked(() -> findMember(c, sharedImage(find(c, id)), memberId).copy());
    }

    public Member updateMember(Caller c, String id, String memberId, Object status) {
        return locked(() -> {
            Image img = sharedImage(find(c, id));
            Member m = findMember(c, img, memberId);
            if (!c.admin() && !memberId.equals(c.projectId())) {
                throw GlanceException.forbidden("You are not permitted to modify 'status' on this image member.");
            }
            if (!(status instanceof String) || !List.of("pending", "accepted", "rejected").contains(status)) {
                throw GlanceException.badRequest("Provided object does not match schema 'member': "
                        + SchemaRules.repr(status) + " is not one of ['pending', 'accepted', 'rejected']");
            }
            m.status = (String) status;
            m.updatedAt = now();
            return m.copy();
        });
    }

    public void deleteMember(Caller c, String id, String memberId) {
        lockedRun(() -> {
            Image img = sharedImage(find(c, id));
            findMember(c, img, memberId);
            if (!mutable(c, img)) {
                throw GlanceException.forbidden("You are not permitted to delete image members for the image.");
            }
            img.members.remove(memberId);
        });
    }

    // ---------------------------------------------------------------- tasks, stores, cache, usage

    public List<Task> imageTasks(Caller c, String id) {
        return locked(() -> {
            find(c, id);
            return tasks.values().stream().filter(t -> id.equals(t.imageId))
                    .filter(t -> c.admin() || Objects.equals(t.owner, c.projectId())).toList();
        });
    }

    public List<Task> tasks(Caller c) {
        return locked(() -> tasks.values().stream()
                .filter(t -> c.admin() || Objects.equals(t.owner, c.projectId())).toList());
    }

    public Task task(Caller c, String taskId) {
        return locked(() -> {
            Task t = tasks.get(taskId);
            if (t == null || !(c.admin() || Objects.equals(t.owner, c.projectId()))) {
                throw GlanceException.notFound("Task with the given id " + taskId + " not found");
            }
            return t;
        });
    }

    /** {@code POST /v2/tasks} (type import): creates a queued image and records a pending task. */
    public Task createTask(Caller c, String type, Map<String, Object> input, String requestId) {
        if (!"import".equals(type)) {
            throw GlanceException.badRequest("Invalid type value: " + type);
        }
        if (!(input.get("import_from") instanceof String)) {
            // Glance validates the source URI first
            throw GlanceException.badRequest("Invalid location: " + (input.get("import_from") == null ? "None"
                    : input.get("import_from")));
        }
        return locked(() -> {
            Task t = new Task(UUID.randomUUID().toString(), type, c.projectId(), c.userId(), null, requestId,
                    input, clock.now());
            tasks.put(t.id, t);
            return t;
        });
    }

    /** {@code DELETE /v2/stores/{store}/{id}}: removes one location; the last one is 409. */
    public void deleteFromStore(Caller c, String store, String id) {
        lockedRun(() -> {
            // Glance 25's default (legacy-OR'ed) policy lets the owner do this, not only admins
            Image img = images.get(id);
            if (img == null || !visible(c, img)) {
                throw GlanceException.notFound("Failed to find image " + id);
            }
            if (!mutable(c, img)) {
                throw GlanceException.forbidden("You do not own this image");
            }
            if (!config.stores().contains(store)) {
                throw GlanceException.badRequest("Unknown store " + store + ".");
            }
            if (!img.stores.contains(store)) {
                throw GlanceException.notFound("Image " + id + " does not have data in store " + store);
            }
            if (img.stores.size() == 1) {
                throw GlanceException.forbidden(
                        "Cannot delete image data from the only store containing it. Consider deleting the image instead.");
            }
            img.stores.remove(store);
            img.updatedAt = now();
        });
    }

    /** Usage numbers for {@code GET /v2/info/usage}. */
    public Map<String, long[]> usage(Caller c) {
        if (!config.keystoneLimits()) {
            return Map.of();   // real Glance reports usage only with unified limits (use_keystone_limits)
        }
        return locked(() -> {
            long size = 0;
            long count = 0;
            long staged = 0;
            long uploading = 0;
            for (Image i : images.values()) {
                if (!Objects.equals(i.owner, c.projectId())) continue;
                count++;
                if (i.blob != null) size += i.blob.size();
                if (i.staged != null) staged += i.staged.size();
                if (i.status.equals("uploading") || i.status.equals("importing") || i.status.equals("saving")) {
                    uploading++;
                }
            }
            long quota = config.userStorageQuota() > 0 ? config.userStorageQuota() : -1;
            Map<String, long[]> m = new LinkedHashMap<>();
            m.put("image_size_total", new long[] {quota < 0 ? -1 : quota / (1024 * 1024), size / (1024 * 1024)});
            m.put("image_stage_total", new long[] {-1, staged / (1024 * 1024)});
            m.put("image_count_total", new long[] {-1, count});
            m.put("image_count_uploading", new long[] {-1, uploading});
            return m;
        });
    }

    public List<String> cachedImages() { return locked(() -> List.copyOf(cached)); }
    public List<String> queuedImages() { return locked(() -> List.copyOf(cacheQueue)); }

    public void queueForCache(Caller c, String id) {
        lockedRun(() -> {
            requireAdmin(c, "cache_image");
            Image img = find(c, id);
            if (img.blob != null) {
                cached.add(id);
            } else {
                cacheQueue.add(id);
            }
        });
    }

    public void uncache(Caller c, String id) {
        lockedRun(() -> {
            requireAdmin(c, "cache_delete");
            find(c, id);
            cached.remove(id);
            cacheQueue.remove(id);
        });
    }

    public void clearCache(Caller c, String target) {
        lockedRun(() -> {
            requireAdmin(c, "cache_delete");
            if (target == null || target.equals("cache")) cached.clear();
            if (target == null || target.equals("queue")) cacheQueue.clear();
        });
    }

    public void requireAdmin(Caller c, String action) {
        if (!c.admin()) {
            throw GlanceException.forbidden("You are not authorized to complete " + action + " action.");
        }
    }

    // ---------------------------------------------------------------- v1 semantics

    /**
     * v1 {@code PUT /v1/images/{id}} metadata update: core attributes as given (already
     * validated), properties merged or, with {@code purge}, replaced.
     */
    public Image updateV1(Caller c, String id, Map<String, Object> core, Map<String, String> props, boolean purge) {
        return locked(() -> {
            Image img = findMutable(c, id);
            if (img.status.equals("deleted")) {
                throw GlanceException.forbidden("Forbidden to update deleted image.");
            }
            Image work = img.copy();
            for (Map.Entry<String, Object> e : core.entrySet()) {
                apply(c, work, e.getKey(), e.getValue(), false);
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
            if (work.properties.size() > config.imagePropertyQuota()) {
                throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image "
                        + "properties. Attempted: " + work.properties.size() + ", Maximum: "
                        + config.imagePropertyQuota());
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
            img.updatedAt = now();
            return img.copy();
        });
    }

    /** v1: an upload whose checksum did not match: data discarded, image {@code killed}. */
    public void kill(String id) {
        Blob b = locked(() -> {
            Image img = images.get(id);
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
            img.updatedAt = now();
            return old;
        });
        blobs.delete(b);
    }

    /** v1 {@code x-glance-api-copy-from} / {@code x-image-meta-location}: fetch data from a URL. */
    public void uploadFrom(Caller c, String id, String uri) throws IOException {
        checkUri(uri);
        String owner = locked(() -> findMutable(c, id).owner);
        Blob blob = fetch(uri, owner);
        try (InputStream in = blob.open(0, blob.size())) {
            upload(c, id, in);
        } finally {
            blobs.delete(blob);
        }
    }

    /** v1 {@code PUT /v1/images/{id}/members/{member}}: adds or updates a membership. */
    public void putMemberV1(Caller c, String id, String memberId, boolean canShare) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (img.visibility.equals("public")) {
                throw GlanceException.forbidden("Only shared images have members.");
            }
            Member m = img.members.get(memberId);
            if (m == null) {
                if (img.members.size() + 1 > config.imageMemberQuota()) {
                    throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image "
                            + "members for this image. Attempted: " + (img.members.size() + 1) + ", Maximum: "
                            + config.imageMemberQuota());
                }
                m = new Member(id, memberId, now());
                img.members.put(memberId, m);
            }
            m.canShare = canShare;
            m.updatedAt = now();
        });
    }

    /** v1 {@code PUT /v1/images/{id}/members}: replaces the whole member list. */
    public void replaceMembersV1(Caller c, String id, Map<String, Boolean> members) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (members.size() > config.imageMemberQuota()) {
                throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image members "
                        + "for this image. Attempted: " + members.size() + ", Maximum: " + config.imageMemberQuota());
            }
            img.members.keySet().retainAll(members.keySet());
            Instant now = now();
            members.forEach((mid, share) -> {
                Member m = img.members.computeIfAbsent(mid, k -> new Member(id, k, now));
                m.canShare = share;
            });
        });
    }

    /** v1 {@code GET /v1/images/{id}/members}: visible to the owner and the members. */
    public List<Member> membersV1(Caller c, String id) {
        return locked(() -> {
            Image img = find(c, id);
            return img.members.values().stream()
                    .filter(m -> mutable(c, img) || m.memberId.equals(c.projectId()))
                    .map(Member::copy).toList();
        });
    }

    /** v1 {@code DELETE /v1/images/{id}/members/{member}}. */
    public void deleteMemberV1(Caller c, String id, String memberId) {
        lockedRun(() -> {
            Image img = findMutable(c, id);
            if (img.members.remove(memberId) == null) {
                throw GlanceException.notFound("The resource could not be found.");
            }
        });
    }

    /** v1 {@code GET /v1/shared-images/{member}}: images shared with a project. */
    public List<Member> sharedWith(Caller c, String memberId) {
        return locked(() -> {
            List<Member> out = new ArrayList<>();
            for (Image img : images.values()) {
                Member m = img.members.get(memberId);
                if (m != null && visible(c, img)) {
                    out.add(m.copy());
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- control

    /** Drops every image, task and blob (the identities stay). */
    public void reset() {
        List<Image> gone = locked(() -> {
            List<Image> l = new ArrayList<>(images.values());
            images.clear();
            deletedIds.clear();
            tasks.clear();
            cached.clear();
            cacheQueue.clear();
            return l;
        });
        for (Image i : gone) {
            blobs.delete(i.blob);
            blobs.delete(i.staged);
        }
        uploadMode = TransitionMode.IMMEDIATE;
        importMode = TransitionMode.IMMEDIATE;
    }

    @Override
    public void close() {
        reset();
        blobs.close();
    }
}
