package dev.imagesdk.fake.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The fake Glance's state and rules, one part per Glance resource: {@link #images()}, {@link #data()},
 * {@link #imports()}, {@link #tags()}, {@link #members()}, {@link #tasks()}, {@link #stores()},
 * {@link #cache()}, {@link #usage()}, with {@link #policy()} (visibility and ownership),
 * {@link #transitions()} (the status machine) and {@link #v1()} (what v1 does differently). The parts
 * share one {@link EngineState} and its one lock; this class owns them, the configuration, the clock
 * and the control operations (reset, close). Thread-safe: metadata changes run under the one lock,
 * image bytes stream outside it.
 */
public final class Engine implements AutoCloseable {
    private final EngineState state;
    private final Policy policy;
    private final Transitions transitions;
    private final Images images;
    private final ImageData data;
    private final Imports imports;
    private final Tags tags;
    private final Members members;
    private final Tasks tasks;
    private final Stores stores;
    private final Usage usage;
    private final Cache cache;
    private final V1Semantics v1;

    public Engine(EngineConfig config, FakeClock clock) {
        this.state = new EngineState(config, clock);
        this.policy = new Policy(state);
        this.transitions = new Transitions(state);
        this.images = new Images(state, policy, transitions);
        this.data = new ImageData(state, policy, transitions);
        this.imports = new Imports(state, policy, transitions, data);
        this.tags = new Tags(state, policy, images);
        this.members = new Members(state, policy);
        this.tasks = new Tasks(state, policy);
        this.stores = new Stores(state);
        this.usage = new Usage(state);
        this.cache = new Cache(state, policy);
        this.v1 = new V1Semantics(state, policy, images, data, imports);
    }

    public Policy policy() { return policy; }
    public Transitions transitions() { return transitions; }
    public Images images() { return images; }
    public ImageData data() { return data; }
    public Imports imports() { return imports; }
    public Tags tags() { return tags; }
    public Members members() { return members; }
    public Tasks tasks() { return tasks; }
    public Stores stores() { return stores; }
    public Usage usage() { return usage; }
    public Cache cache() { return cache; }
    public V1Semantics v1() { return v1; }

    public EngineConfig config() { return state.config; }
    public void config(EngineConfig c) { state.config = c; }
    public FakeClock clock() { return state.clock; }
    public BlobStore blobs() { return state.blobs; }
    public void uploadTransitions(TransitionMode m) { state.uploadMode = m; }
    public void importTransitions(TransitionMode m) { state.importMode = m; }

    // ---------------------------------------------------------------- control

    /** Drops every image, task and blob (the identities stay). */
    public void reset() {
        List<Image> gone = state.locked(() -> {
            List<Image> l = new ArrayList<>(state.images.values());
            state.images.clear();
            state.deletedIds.clear();
            state.tasks.clear();
            state.cached.clear();
            state.cacheQueue.clear();
            return l;
        });
        for (Image i : gone) {
            state.blobs.delete(i.blob);
            state.blobs.delete(i.staged);
        }
        state.uploadMode = TransitionMode.IMMEDIATE;
        state.importMode = TransitionMode.IMMEDIATE;
    }

    @Override
    public void close() {
        reset();
        state.blobs.close();
    }
}
