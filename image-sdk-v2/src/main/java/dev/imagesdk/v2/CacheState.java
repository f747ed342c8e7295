package dev.imagesdk.v2;

import java.util.List;

/**
 * The image cache of the API node that answered ({@code GET /v2/cache}, admin, API v2.14+). With several API
 * nodes each has its own cache, so successive calls may differ.
 *
 * @param cachedImageIds images whose data is cached
 * @param queuedImageIds images queued for caching
 */
public record CacheState(List<String> cachedImageIds, List<String> queuedImageIds) {
    /**
     * Copies both lists.
     *
     * @param cachedImageIds images whose data is cached
     * @param queuedImageIds images queued for caching
     * @throws NullPointerException if cachedImageIds or queuedImageIds is null
     */
    public CacheState {
        cachedImageIds = List.copyOf(cachedImageIds);
        queuedImageIds = List.copyOf(queuedImageIds);
    }
}
