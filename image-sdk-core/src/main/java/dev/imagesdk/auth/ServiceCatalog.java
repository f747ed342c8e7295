package dev.imagesdk.auth;

import dev.imagesdk.config.Interface;
import dev.imagesdk.exception.ConfigurationException;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The service catalog Keystone returned with a token: every endpoint of every service. Immutable.
 */
public final class ServiceCatalog {

    /** An empty catalog (a static token, or an unscoped token). */
    public static final ServiceCatalog EMPTY = new ServiceCatalog(List.of());

    /**
     * One endpoint of one service.
     *
     * @param serviceType e.g. {@code image}, {@code identity}
     * @param serviceName e.g. {@code glance}; may be null
     * @param endpointInterface public, internal or admin
     * @param region the region id, or null when the catalog gives none
     * @param url the endpoint URL
     */
    public record Endpoint(String serviceType, String serviceName, Interface endpointInterface, String region,
                           URI url) {
        /**
         * Checks the required parts.
         *
         * @param serviceType e.g. {@code image}, {@code identity}
         * @param serviceName e.g. {@code glance}; may be null
         * @param endpointInterface public, internal or admin
         * @param region the region id, or null when the catalog gives none
         * @param url the endpoint URL
         * @throws NullPointerException if serviceType, endpointInterface or url is null
         */
        public Endpoint {
            Objects.requireNonNull(serviceType, "serviceType");
            Objects.requireNonNull(endpointInterface, "endpointInterface");
            Objects.requireNonNull(url, "url");
        }
    }

    private final List<Endpoint> endpoints;

    private ServiceCatalog(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * A catalog of these endpoints (copied).
     *
     * @param endpoints the endpoints, in the order Keystone listed them
     * @return the catalog
     * @throws NullPointerException if the list or an element is null
     */
    public static ServiceCatalog of(List<Endpoint> endpoints) {
        return endpoints.isEmpty() ? EMPTY : new ServiceCatalog(endpoints);
    }

    /**
     * Every endpoint, in the order Keystone listed them.
     *
     * @return an unmodifiable list
     */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * {@return the URL of the service's endpoint with this interface, in this region (any region when null: the
     * first listed)}
     *
     * @param serviceType the service type, e.g. {@code image}
     * @param endpointInterface the endpoint interface (public, internal or admin)
     * @param regionOrNull the region name, or null for any region
     * @throws ConfigurationException when there is none; the message lists the regions (or interfaces)
     *         the catalog does have for this service type
     */
    public URI endpoint(String serviceType, Interface endpointInterface, String regionOrNull) {
        return endpoint(serviceType, endpointInterface, regionOrNull, "OS_REGION_NAME (region_name)");
    }

    /**
     * {@return as {@link #endpoint(String, Interface, String)}, naming {@code regionSetting} when the region has
     * no endpoint of this type}
     *
     * @param serviceType the service type, e.g. {@code image}
     * @param endpointInterface the endpoint interface (public, internal or admin)
     * @param regionOrNull the region name, or null for any region
     * @param regionSetting where the caller's region was set ({@link dev.imagesdk.config.ClientConfig#regionNameSetting()}),
     *                      the {@link ConfigurationException#setting()} of a region not in the catalog
     * @throws ConfigurationException when there is none; the message lists the regions (or interfaces)
     *         the catalog does have for this service type
     */
    public URI endpoint(String serviceType, Interface endpointInterface, String regionOrNull, String regionSetting) {
        List<Endpoint> ofType = endpoints.stream()
                .filter(e -> e.serviceType().equals(serviceType))
                .collect(Collectors.toList());
        if (ofType.isEmpty()) {
            throw new ConfigurationException("service catalog",
                    "no '" + serviceType + "' service in the catalog; services found: " + new TreeSet<>(
                            endpoints.stream().map(Endpoint::serviceType).collect(Collectors.toList()))
                            + ". Set OS_IMAGE_URL (image_endpoint_override) to give the endpoint explicitly");
        }
        List<Endpoint> inRegion = ofType.stream()
                .filter(e -> regionOrNull == null || regionOrNull.equals(e.region()))
                .collect(Collectors.toList());
        if (inRegion.isEmpty()) {
            throw new ConfigurationException(regionSetting,
                    "no '" + serviceType + "' endpoint in region '" + regionOrNull + "'; regions found: "
                            + regions(ofType));
        }
        return inRegion.stream()
                .filter(e -> e.endpointInterface() == endpointInterface)
                .findFirst()
                .map(Endpoint::url)
                .orElseThrow(() -> new ConfigurationException("OS_INTERFACE (interface)",
                        "no '" + serviceType + "' endpoint with interface " + endpointInterface.keystoneName()
                                + (regionOrNull == null ? "" : " in region '" + regionOrNull + "'")
                                + "; interfaces found: " + new TreeSet<>(inRegion.stream()
                                .map(e -> e.endpointInterface().keystoneName()).collect(Collectors.toList()))));
    }

    /**
     * The regions that have an endpoint of this service type with this interface (endpoints without a region
     * are left out), sorted.
     *
     * @param serviceType the service type, e.g. {@code image}
     * @param endpointInterface the endpoint interface (public, internal or admin)
     * @return an unmodifiable sorted set, empty when there is none
     */
    public java.util.SortedSet<String> regions(String serviceType, Interface endpointInterface) {
        return java.util.Collections.unmodifiableSortedSet(endpoints.stream()
                .filter(e -> e.serviceType().equals(serviceType) && e.endpointInterface() == endpointInterface
                        && e.region() != null)
                .map(Endpoint::region)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static TreeSet<String> regions(List<Endpoint> list) {
        return list.stream().map(e -> e.region() == null ? "(none)" : e.region())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String toString() {
        return "ServiceCatalog{" + endpoints.size() + " endpoints}";
    }
}
