package dev.imagesdk.micrometer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the {@link OperationMeters} for an event's operation name, keeping the {@code operation} tag bounded:
 * names are normalized ({@link TagValues#operation}: ids become {@code {id}}), and beyond
 * {@link #MAX_OPERATIONS} distinct values every new one is counted under {@code other} (logged once at WARN).
 *
 * <p>The hot path is one {@link ConcurrentHashMap#get} by the event's own name string (its hash is cached by
 * {@link String}), so it allocates nothing. That map is bounded too ({@link #MAX_NAMES}): a name seen after
 * it is full is normalized on every event, which allocates but stays correct.
 */
public final class OperationCache {

    /** Distinct {@code operation} tag values, beyond which new operations are tagged {@code other}. */
    public static final int MAX_OPERATIONS = 100;
    /** Distinct raw operation names remembered for the fast path. */
    static final int MAX_NAMES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(OperationCache.class);

    private final MeterRegistry registry;
    private final Tags commonTags;
    private final ConcurrentMap<String, OperationMeters> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, OperationMeters> byTag = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param registry where the meters are registered
     * @param commonTags tags added to every meter
     */
    public OperationCache(MeterRegistry registry, Tags commonTags) {
        this.registry = registry;
        this.commonTags = commonTags;
    }

    /**
     * The meters for an operation name.
     *
     * @param name the operation name of the event (may be null)
     * @return the meters, never null
     */
    public OperationMeters forName(String name) {
        if (name == null) {
            return forTag(TagValues.OTHER);
        }
        OperationMeters meters = byName.get(name);
        if (meters == null) {
            meters = forTag(TagValues.operation(name));
            if (byName.size() < MAX_NAMES) {
                byName.putIfAbsent(name, meters);
            }
        }
        return meters;
    }

    private OperationMeters forTag(String tag) {
        OperationMeters meters = byTag.get(tag);
        if (meters != null) {
            return meters;
        }
        if (byTag.size() >= MAX_OPERATIONS && !tag.equals(TagValues.OTHER)) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("More than {} distinct operation names; further ones are counted under operation={}",
                        MAX_OPERATIONS, TagValues.OTHER);
            }
            tag = TagValues.OTHER;
        }
        return byTag.computeIfAbsent(tag, t -> new OperationMeters(registry, commonTags, t));
    }
}
