package dev.imagesdk.fake.internal.engine;

import java.util.List;

/**
 * Limits and options, named as Glance's configuration options are.
 *
 * @param imageSizeCap        {@code image_size_cap}: largest image in bytes (413 above)
 * @param userStorageQuota    {@code user_storage_quota}: bytes per project, 0 = unlimited
 * @param imagePropertyQuota  {@code image_property_quota}
 * @param imageTagQuota       {@code image_tag_quota}
 * @param imageMemberQuota    {@code image_member_quota}
 * @param stores              enabled store ids, the first is the default
 * @param memoryThreshold     blobs above this many bytes go to temp files
 * @param webDownloadHosts    hosts web-download may fetch from
 * @param keystoneLimits      {@code use_keystone_limits}: off (Glance's default), {@code /v2/info/usage} is empty
 */
public record EngineConfig(long imageSizeCap, long userStorageQuota, int imagePropertyQuota, int imageTagQuota,
        int imageMemberQuota, List<String> stores, long memoryThreshold, List<String> webDownloadHosts,
        boolean keystoneLimits) {

    public static EngineConfig defaults() {
        return new EngineConfig(1099511627776L, 0, 128, 128, 128, List.of("file1", "file2"),
                8L * 1024 * 1024, List.of("127.0.0.1", "localhost"), false);
    }

    public EngineConfig withImageSizeCap(long v) {
        return new EngineConfig(v, userStorageQuota, imagePropertyQuota, imageTagQuota, imageMemberQuota, stores,
                memoryThreshold, webDownloadHosts, keystoneLimits);
    }

    public EngineConfig withUserStorageQuota(long v) {
        return new EngineConfig(imageSizeCap, v, imagePropertyQuota, imageTagQuota, imageMemberQuota, stores,
                memoryThreshold, webDownloadHosts, keystoneLimits);
    }

    public EngineConfig withMemoryThreshold(long v) {
        return new EngineConfig(imageSizeCap, userStorageQuota, imagePropertyQuota, imageTagQuota, imageMemberQuota,
                stores, v, webDownloadHosts, keystoneLimits);
    }

    public EngineConfig withStores(List<String> v) {
        return new EngineConfig(imageSizeCap, userStorageQuota, imagePropertyQuota, imageTagQuota, imageMemberQuota,
                List.copyOf(v), memoryThreshold, webDownloadHosts, keystoneLimits);
    }

    public EngineConfig withKeystoneLimits(boolean v) {
        return new EngineConfig(imageSizeCap, userStorageQuota, imagePropertyQuota, imageTagQuota, imageMemberQuota,
                stores, memoryThreshold, webDownloadHosts, v);
    }

    public String defaultStore() {
        return stores.get(0);
    }
}
