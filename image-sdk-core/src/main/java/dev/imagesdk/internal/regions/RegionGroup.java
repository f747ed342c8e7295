package dev.imagesdk.internal.regions;

import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConfigurationException;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state one {@code buildForRegions} call shares between the services it builds: the first service's
 * token provider (so every region authenticates once and refreshes once), and the check, made once with the
 * first token's catalog, that every requested region has an {@code image} endpoint of the configured interface.
 * Not thread-safe (a builder is not).
 */
public final class RegionGroup {

    private final List<String> regions;
    private TokenProvider shared;

    public RegionGroup(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    /**
     * The provider every service of the group uses: {@code fresh} (built for the first region, not yet used)
     * the first time, which is then checked against the catalog; the first one again afterwards.
     *
     * @throws ConfigurationException naming {@code buildForRegions(regions)}, the setting the regions came from,
     *         when a requested region has no image
     *         endpoint; the message lists the missing regions and those the catalog has
     */
    public TokenProvider share(TokenProvider fresh, ClientConfig config) {
        if (shared != null) {
            return shared;
        }
        Objects.requireNonNull(fresh, "fresh");
        Set<String> known = fresh.token().catalog().regions("image", config.endpointInterface());
        Set<String> missing = new TreeSet<>(regions);
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            throw new ConfigurationException("buildForRegions(regions)", "no 'image' endpoint with interface "
                    + config.endpointInterface().keystoneName() + " in region(s) " + missing
                    + "; regions with one in the catalog: " + known);
        }
        shared = fresh;
        return shared;
    }

    /** The regions requested, in the caller's order. */
    public List<String> regions() {
        return regions;
    }
}
