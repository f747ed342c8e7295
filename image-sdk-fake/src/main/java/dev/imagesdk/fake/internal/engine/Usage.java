package dev.imagesdk.fake.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Quota usage of the caller's project ({@code GET /v2/info/usage}). */
public final class Usage {
    private final EngineState state;

    Usage(EngineState state) {
        this.state = state;
    }

    /** Usage numbers for {@code GET /v2/info/usage}. */
    public Map<String, long[]> usage(Caller c) {
        if (!state.config.keystoneLimits()) {
            return Map.of();   // real Glance reports usage only with unified limits (use_keystone_limits)
        }
        return state.locked(() -> {
            long size = 0;
            long count = 0;
            long staged = 0;
            long uploading = 0;
            for (Image i : state.images.values()) {
                if (!Objects.equals(i.owner, c.projectId())) continue;
                count++;
                if (i.blob != null) size += i.blob.size();
                if (i.staged != null) staged += i.staged.size();
                if (i.status.equals("uploading") || i.status.equals("importing") || i.status.equals("saving")) {
                    uploading++;
                }
            }
            long quota = state.config.userStorageQuota() > 0 ? state.config.userStorageQuota() : -1;
            Map<String, long[]> m = new LinkedHashMap<>();
            m.put("image_size_total", new long[] {quota < 0 ? -1 : quota / (1024 * 1024), size / (1024 * 1024)});
            m.put("image_stage_total", new long[] {-1, staged / (1024 * 1024)});
            m.put("image_count_total", new long[] {-1, count});
            m.put("image_count_uploading", new long[] {-1, uploading});
            return m;
        });
    }
}
