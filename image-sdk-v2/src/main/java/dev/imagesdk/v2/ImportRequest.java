package dev.imagesdk.v2;

import dev.imagesdk.exception.InvalidInputException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST /v2/images/{id}/import} is asked to do: the method, its arguments and the target stores.
 *
 * <p>Validated by {@link Builder#build()} (failures are {@link InvalidInputException}s naming the field):
 * {@code web-download} needs an absolute http(s) {@code uri}; {@code glance-download} needs the remote region
 * and image id; {@code uri} and the remote fields are refused for methods that do not take them; {@code stores}
 * and {@code allStores} exclude each other; store ids must not be blank and must not be Glance's reserved
 * {@code os_glance_*} stores.
 */
public final class ImportRequest {
    private final ImportMethod method;
    private final URI uri;
    private final String remoteRegion;
    private final String remoteImageId;
    private final String remoteServiceInterface;
    private final List<String> stores;
    private final Boolean allStores;
    private final Boolean allStoresMustSucceed;

    private ImportRequest(Builder b) {
        method = b.method;
        uri = b.uri;
        remoteRegion = b.remoteRegion;
        remoteImageId = b.remoteImageId;
        remoteServiceInterface = b.remoteServiceInterface;
        stores = List.copyOf(b.stores);
        allStores = b.allStores;
        allStoresMustSucceed = b.allStoresMustSucceed;
    }

    /**
     * {@return a builder for {@code method}}
     *
     * @param method the import method
     */
    public static Builder builder(ImportMethod method) {
        return new Builder(method);
    }

    /** {@return a {@code glance-direct} request for previously staged data} */
    public static ImportRequest glanceDirect() {
        return builder(ImportMethod.GLANCE_DIRECT).build();
    }

    /**
     * {@return a {@code web-download} request from {@code uri}}
     *
     * @param uri the URL the service downloads the data from
     */
    public static ImportRequest webDownload(URI uri) {
        return builder(ImportMethod.WEB_DOWNLOAD).uri(uri).build();
    }

    /**
     * {@return a {@code copy-image} request to the given stores}
     *
     * @param stores the store ids
     */
    public static ImportRequest copyImage(String... stores) {
        return builder(ImportMethod.COPY_IMAGE).stores(List.of(stores)).build();
    }

    /**
     * The import method.
     *
     * @return the method, never null
     */
    public ImportMethod method() {
        return method;
    }

    /** {@return the source URI ({@code web-download})} */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /** {@return the remote region ({@code glance-download})} */
    public Optional<String> remoteRegion() {
        return Optional.ofNullable(remoteRegion);
    }

    /** {@return the remote image id ({@code glance-download})} */
    public Optional<String> remoteImageId() {
        return Optional.ofNullable(remoteImageId);
    }

    /** {@return the remote service interface, e.g. {@code public} ({@code glance-download}, optional)} */
    public Optional<String> remoteServiceInterface() {
        return Optional.ofNullable(remoteServiceInterface);
    }

    /** {@return the target stores; empty for the default store} */
    public List<String> stores() {
        return stores;
    }

    /** {@return whether to import into every store ({@code all_stores}), if set} */
    public Optional<Boolean> allStores() {
        return Optional.ofNullable(allStores);
    }

    /** {@return whether one failed store fails the import ({@code all_stores_must_succeed}), if set} */
    public Optional<Boolean> allStoresMustSucceed() {
        return Optional.ofNullable(allStoresMustSucceed);
    }

    @Override
    public String toString() {
        return "ImportRequest{method=" + method + (uri != null ? ", uri=" + redacted(uri) : "")
                + (remoteRegion != null ? ", remoteRegion=" + remoteRegion : "")
                + (remoteImageId != null ? ", remoteImageId=" + remoteImageId : "")
                + (stores.isEmpty() ? "" : ", stores=" + stores)
                + (allStores != null ? ", allStores=" + allStores : "")
                + (allStoresMustSucceed != null ? ", allStoresMustSucceed=" + allStoresMustSucceed : "") + '}';
    }

    /** The URI without user info and query, which may carry credentials or signatures. */
    static String redacted(URI uri) {
        if (uri == null || !uri.isAbsolute()) {
            return "(not an absolute URI)";
        }
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() != null ? "?..." : "";
        return uri.getScheme() + "://" + (uri.getRawUserInfo() != null ? "***@" : "") + uri.getHost() + port
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + query;
    }

    /** Builds an {@link ImportRequest}. Not thread-safe. */
    public static final class Builder {
        private final ImportMethod method;
        private URI uri;
        private String remoteRegion;
        private String remoteImageId;
        private String remoteServiceInterface;
        private final List<String> stores = new ArrayList<>();
        private Boolean allStores;
        private Boolean allStoresMustSucceed;

        private Builder(ImportMethod method) {
            this.method = Objects.requireNonNull(method, "method");
        }

        /**
         * The source ({@code web-download} only).
         *
         * @param uri the URL the service downloads the data from
         * @return this builder
         */
        public Builder uri(URI uri) {
            this.uri = uri;
            return this;
        }

        /**
         * The region to download from ({@code glance-download} only).
         *
         * @param region the region name
         * @return this builder
         */
        public Builder remoteRegion(String region) {
            this.remoteRegion = region;
            return this;
        }

        /**
         * The image id in the remote region ({@code glance-download} only).
         *
         * @param imageId the id of the image
         * @return this builder
         */
        public Builder remoteImageId(String imageId) {
            this.remoteImageId = imageId;
            return this;
        }

        /**
         * The remote endpoint interface ({@code glance-download} only).
         *
         * @param iface the interface, e.g. {@code public}
         * @return this builder
         */
        public Builder remoteServiceInterface(String iface) {
            this.remoteServiceInterface = iface;
            return this;
        }

        /**
         * Adds target stores.
         *
         * @param stores the store ids
         * @return this builder
         */
        public Builder stores(Collection<String> stores) {
            this.stores.addAll(stores);
            return this;
        }

        /**
         * Adds a target store.
         *
         * @param store the id of the store
         * @return this builder
         */
        public Builder store(String store) {
            this.stores.add(store);
            return this;
        }

        /**
         * Import into every enabled store.
         *
         * @param allStores {@code true} to import into every enabled store
         * @return this builder
         */
        public Builder allStores(boolean allStores) {
            this.allStores = allStores;
            return this;
        }

        /**
         * Whether the import fails when any store fails.
         *
         * @param mustSucceed {@code true} to fail the import when one store fails
         * @return this builder
         */
        public Builder allStoresMustSucceed(boolean mustSucceed) {
            this.allStoresMustSucceed = mustSucceed;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the request
         * @throws InvalidInputException naming the first refused field
         */
        public ImportRequest build() {
            boolean web = ImportMethod.WEB_DOWNLOAD.equals(method);
            boolean remote = ImportMethod.GLANCE_DOWNLOAD.equals(method);
            if (web) {
                if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                    throw new InvalidInputException("uri", redacted(uri),
                            "web-download needs an absolute http or https URI");
                }
            } else if (uri != null) {
                throw new InvalidInputException("uri", redacted(uri), "only web-download takes a uri");
            }
            if (remote) {
                if (remoteRegion == null || remoteRegion.isBlank()) {
                    throw new InvalidInputException("glance_region", remoteRegion, "glance-download needs the remote region");
                }
                if (remoteImageId == null || remoteImageId.isBlank()) {
                    throw new InvalidInputException("glance_image_id", remoteImageId,
                            "glance-download needs the remote image id");
                }
            } else if (remoteRegion != null || remoteImageId != null || remoteServiceInterface != null) {
                throw new InvalidInputException("glance_region", remoteRegion,
                        "only glance-download takes a remote region, image id or service interface");
            }
            if (Boolean.TRUE.equals(allStores) && !stores.isEmpty()) {
                throw new InvalidInputException("stores", stores, "give either stores or allStores(true), not both");
            }
            for (String s : stores) {
                if (s == null || s.isBlank()) {
                    throw new InvalidInputException("stores", s, "a store id must not be blank");
                }
                if (s.startsWith("os_glance_")) {
                    throw new InvalidInputException("stores", s, "is a store reserved for Glance itself");
                }
            }
            return new ImportRequest(this);
        }
    }
}
