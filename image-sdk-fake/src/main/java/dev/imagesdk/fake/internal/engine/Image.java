package dev.imagesdk.fake.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One image's state. Mutated only by the engine's parts under the {@link EngineState} lock; everything they hand
 * out is a {@link #copy()}.
 */
public final class Image {
    String id;
    String name;
    String diskFormat;
    String containerFormat;
    String visibility = "shared";
    String status = "queued";
    String owner;
    boolean isProtected;
    boolean osHidden;
    int minRam;
    int minDisk;
    Long size;
    Long virtualSize;
    String checksum;
    String osHashAlgo;
    String osHashValue;
    Instant createdAt;
    Instant updatedAt;
    final LinkedHashSet<String> tags = new LinkedHashSet<>();
    /** Custom properties (string valued) in insertion order, as Glance returns them. */
    final LinkedHashMap<String, String> properties = new LinkedHashMap<>();
    final List<String> stores = new ArrayList<>();
    final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    Blob blob;
    Blob staged;
    /** A status the image moves to when its controlled transition completes. */
    Transition pending;
    /** Whether an import task is running (a second import is 409). */
    boolean importRunning;

    Image() {
    }

    public Image copy() {
        Image c = new Image();
        c.id = id;
        c.name = name;
        c.diskFormat = diskFormat;
        c.containerFormat = containerFormat;
        c.visibility = visibility;
        c.status = status;
        c.owner = owner;
        c.isProtected = isProtected;
        c.osHidden = osHidden;
        c.minRam = minRam;
        c.minDisk = minDisk;
        c.size = size;
        c.virtualSize = virtualSize;
        c.checksum = checksum;
        c.osHashAlgo = osHashAlgo;
        c.osHashValue = osHashValue;
        c.createdAt = createdAt;
        c.updatedAt = updatedAt;
        c.tags.addAll(tags);
        c.properties.putAll(properties);
        c.stores.addAll(stores);
        members.forEach((k, v) -> c.members.put(k, v.copy()));
        c.blob = blob;
        c.staged = staged;
        c.importRunning = importRunning;
        return c;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String diskFormat() { return diskFormat; }
    public String containerFormat() { return containerFormat; }
    public String visibility() { return visibility; }
    public String status() { return status; }
    public String owner() { return owner; }
    public boolean isProtected() { return isProtected; }
    public boolean osHidden() { return osHidden; }
    public int minRam() { return minRam; }
    public int minDisk() { return minDisk; }
    public Long size() { return size; }
    public Long virtualSize() { return virtualSize; }
    public String checksum() { return checksum; }
    public String osHashAlgo() { return osHashAlgo; }
    public String osHashValue() { return osHashValue; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Set<String> tags() { return tags; }
    public Map<String, String> properties() { return properties; }
    public List<String> stores() { return stores; }
    public Map<String, Member> members() { return members; }
    public Blob blob() { return blob; }

    /** Sort-key value as Glance compares it. */
    Comparable<?> sortValue(String key) {
        switch (key) {
            case "name": return name;
            case "status": return status;
            case "container_format": return containerFormat;
            case "disk_format": return diskFormat;
            case "size": return size;
            case "id": return id;
            case "created_at": return createdAt;
            case "updated_at": return updatedAt;
            default: return null;
        }
    }

    /**
     * Whether a column Glance filters by equality ({@code size=1517}) equals the query's string, as the database
     * compares them: a number equals a string that is the same integer (anything else, {@code abc} or
     * {@code 1.5}, matches nothing); text must be identical; an unset column matches nothing.
     */
    boolean columnEquals(String key, String wanted) {
        Object column;
        switch (key) {
            case "size": column = size; break;
            case "virtual_size": column = virtualSize; break;
            case "min_disk": column = minDisk; break;
            case "min_ram": column = minRam; break;
            case "checksum": column = checksum; break;
            case "os_hash_algo": column = osHashAlgo; break;
            case "os_hash_value": column = osHashValue; break;
            default: return false;
        }
        if (column == null) {
            return false;
        }
        if (column instanceof Number n) {
            try {
                return Long.parseLong(wanted) == n.longValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return column.equals(wanted);
    }

    /** A pending controlled status transition. */
    static final class Transition {
        final String target;
        int pollsLeft;
        final Runnable onComplete;

        Transition(String target, int pollsLeft, Runnable onComplete) {
            this.target = target;
            this.pollsLeft = pollsLeft;
            this.onComplete = onComplete;
        }
    }
}
