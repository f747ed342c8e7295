package dev.imagesdk.fake.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed image list request: filters, sort keys, marker and limit (protocol neutral). */
public final class ImageQuery {
    /** A comparison on a timestamp ({@code created_at=gte:...}). */
    public record TimeFilter(String field, String op, Instant value) {
    }

    public int limit = 25;
    public String marker;
    /** Pairs of sort key and direction ("asc"/"desc"), in priority order. */
    public final List<String[]> sort = new ArrayList<>();
    /** Attribute to allowed values ({@code name=in:a,b} or a plain {@code name=a}). */
    public final Map<String, List<String>> in = new LinkedHashMap<>();
    public String owner;
    public Boolean isProtected;
    public final List<String> tags = new ArrayList<>();
    public String visibility;
    /** Null: Glance's default (only images that are not hidden). */
    public Boolean osHidden;
    public String memberStatus = "accepted";
    public Long sizeMin;
    public Long sizeMax;
    public final List<TimeFilter> times = new ArrayList<>();
    public final Map<String, String> properties = new LinkedHashMap<>();
    /** Image columns compared for equality with a query string ({@code size=1517}, {@code checksum=...}). */
    public final Map<String, String> columns = new LinkedHashMap<>();
    /** Extra protocol-specific filters (v1's min_ram, changes-since, is_public ...). */
    public java.util.function.Predicate<Image> extra = i -> true;
}
