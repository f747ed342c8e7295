package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Visibility;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates the model to v1 request headers and v1 response headers back to an {@link Image}.
 *
 * <ul>
 *   <li>Only whitelisted attribute names ({@link V1Field}) are ever written, lower case as Glance writes
 *       them; custom properties go in {@code x-image-meta-property-<name>}.</li>
 *   <li>Booleans are {@code True}/{@code False}; text is percent-encoded as UTF-8 when it is not plain
 *       printable ASCII ({@link V1HeaderValues}).</li>
 *   <li>Property names v1 would change (upper case, {@code -}) are refused with a report
 *       ({@link V1PropertyNames}).</li>
 *   <li>An update always says {@code x-glance-registry-purge-props}: {@code False} unless the update
 *       replaces all properties, because v1 otherwise deletes every property the request does not name.</li>
 *   <li>What v1 cannot express (tags, {@code os_hidden}, community visibility) is refused, never dropped.</li>
 * </ul>
 */
final class V1HeaderCodec {

    static final String PURGE_PROPS = "x-glance-registry-purge-props";
    static final String COPY_FROM = "x-glance-api-copy-from";
    /** Glance's {@code max_header_line} default: a longer header line is refused with 400 "Line too long". */
    static final int MAX_HEADER_LINE = 16384;

    private V1HeaderCodec() {
    }

    /**
     * What a create sends besides the spec.
     *
     * @param id the image id (the SDK always sends one so a retried create cannot duplicate)
     * @param size the data's size in bytes, or null if unknown or no data is sent
     * @param checksum the data's MD5 as hex for the service to verify, or null
     * @param copyFrom a URL the service copies the data from, or null
     * @param location an external location of the data, or null
     */
    record CreateExtras(String id, Long size, String checksum, String copyFrom, String location) {
        static CreateExtras id(String id) {
            return new CreateExtras(id, null, null, null, null);
        }
    }

    /** The headers of {@code POST /v1/images} for {@code spec}. */
    static Map<String, String> forCreate(ImageSpec spec, CreateExtras extras) {
        if (!spec.tags().isEmpty()) {
            throw new InvalidInputException("tags", spec.tags(), "API v1 has no tags; use a property or API v2");
        }
        if (spec.osHidden() != null) {
            throw new InvalidInputException("os_hidden", spec.osHidden(), "API v1 has no os_hidden; use API v2");
        }
        V1PropertyNames.check(spec.properties().keySet());
        Map<String, String> h = new LinkedHashMap<>();
        if (extras.id() != null) {
            put(h, V1Field.ID, extras.id());
        }
        if (spec.name() != null) {
            put(h, V1Field.NAME, spec.name());
        }
        if (spec.diskFormat() != null) {
            put(h, V1Field.DISK_FORMAT, spec.diskFormat().value());
        }
        if (spec.containerFormat() != null) {
            put(h, V1Field.CONTAINER_FORMAT, spec.containerFormat().value());
        }
        if (spec.visibility() != null) {
            h.put(V1Field.IS_PUBLIC.header(), V1HeaderValues.bool(isPublic(spec.visibility())));
        }
        if (spec.isProtected() != null) {
            h.put(V1Field.PROTECTED.header(), V1HeaderValues.bool(spec.isProtected()));
        }
        if (spec.minDisk() != null) {
            h.put(V1Field.MIN_DISK.header(), Integer.toString(spec.minDisk()));
        }
        if (spec.minRam() != null) {
            h.put(V1Field.MIN_RAM.header(), Integer.toString(spec.minRam()));
        }
        if (extras.size() != null) {
            h.put(V1Field.SIZE.header(), Long.toString(extras.size()));
        }
        if (extras.checksum() != null) {
            put(h, V1Field.CHECKSUM, extras.checksum());
        }
        if (extras.location() != null) {
            put(h, V1Field.LOCATION, extras.location());
        }
        if (extras.copyFrom() != null) {
            h.put(COPY_FROM, V1HeaderValues.encode("copy_from", extras.copyFrom()));
        }
        spec.properties().forEach((k, v) -> h.put(V1PropertyNames.header(k), V1HeaderValues.encode(k, v)));
        checkLineLengths(h);
        return h;
    }

    /**
     * The headers of a metadata-only {@code PUT /v1/images/{id}}. Removing single properties is not
     * expressible in v1 headers: the caller rewrites such an update into a replace-all first.
     *
     * @throws InvalidInputException for what v1 cannot express
     */
    static Map<String, String> forUpdate(ImageUpdate u) {
        if (!u.removeProperties().isEmpty()) {
            throw new InvalidInputException("property name", u.removeProperties().iterator().next(),
                    "API v1 removes properties only by replacing all of them");
        }
        if (u.replaceTags().isPresent() || !u.addTags().isEmpty() || !u.removeTags().isEmpty()) {
            Object tags = u.replaceTags().isPresent() ? u.replaceTags().get()
                    : !u.addTags().isEmpty() ? u.addTags() : u.removeTags();
            throw new InvalidInputException("tags", tags, "API v1 has no tags; use a property or API v2");
        }
        if (u.osHidden().isPresent()) {
            throw new InvalidInputException("os_hidden", u.osHidden().get(), "API v1 has no os_hidden; use API v2");
        }
        V1PropertyNames.check(u.setProperties().keySet());
        Map<String, String> h = new LinkedHashMap<>();
        u.name().ifPresent(n -> put(h, V1Field.NAME, n));
        u.diskFormat().ifPresent(f -> put(h, V1Field.DISK_FORMAT, f.value()));
        u.containerFormat().ifPresent(f -> put(h, V1Field.CONTAINER_FORMAT, f.value()));
        u.visibility().ifPresent(v -> h.put(V1Field.IS_PUBLIC.header(), V1HeaderValues.bool(isPublic(v))));
        u.isProtected().ifPresent(p -> h.put(V1Field.PROTECTED.header(), V1HeaderValues.bool(p)));
        u.minDisk().ifPresent(m -> h.put(V1Field.MIN_DISK.header(), Integer.toString(m)));
        u.minRam().ifPresent(m -> h.put(V1Field.MIN_RAM.header(), Integer.toString(m)));
        u.setProperties().forEach((k, v) -> h.put(V1PropertyNames.header(k), V1HeaderValues.encode(k, v)));
        h.put(PURGE_PROPS, V1HeaderValues.bool(u.replaceAllProperties()));
        checkLineLengths(h);
        return h;
    }

    /** A value too long for one header line would be refused by the service after the upload started. */
    private static void checkLineLengths(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            int line = name.length() + 2 + value.length();
            if (line > MAX_HEADER_LINE) {
                String field = name.startsWith(V1PropertyNames.PREFIX)
                        ? name.substring(V1PropertyNames.PREFIX.length()) : name.substring(V1Field.PREFIX.length());
                throw new InvalidInputException(field, value, "is too long for API v1, which carries it in one "
                        + "header line of at most " + MAX_HEADER_LINE + " bytes (this one needs " + line
                        + " after encoding); use API v2");
            }
        });
    }

    private static boolean isPublic(Visibility v) {
        if (Visibility.PUBLIC.equals(v)) {
            return true;
        }
        if (Visibility.PRIVATE.equals(v) || Visibility.SHARED.equals(v)) {
            // v1 has only is_public; a non-public image is visible to its owner and its members.
            return false;
        }
        throw new InvalidInputException("visibility", v, "API v1 knows only public and private (is_public); use API v2");
    }

    private static void put(Map<String, String> h, V1Field field, String value) {
        if (!field.writable()) {
            throw new IllegalStateException(field + " is not writable"); // a bug in this class, never user input
        }
        h.put(field.header(), V1HeaderValues.encode(field.wireName(), value));
    }

    /**
     * The image described by response headers ({@code HEAD} or {@code GET /v1/images/{id}}). Header names are
     * matched case-insensitively; values are percent-decoded where encoded.
     *
     * @throws ImageSdkClientException if the headers carry no image id or a malformed typed value
     */
    static Image decode(Map<String, List<String>> headers) {
        Image.Builder b = Image.builder();
        boolean hasId = false;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String raw = e.getValue().get(0);
            if (name.startsWith(V1PropertyNames.PREFIX)) {
                b.property(V1HeaderValues.decode(name.substring(V1PropertyNames.PREFIX.length())),
                        V1HeaderValues.decode(raw));
                continue;
            }
            V1Field field = V1Field.fromHeader(name).orElse(null);
            if (field == null || raw == null || raw.equals(V1HeaderValues.NONE)) {
                continue; // None on the wire is a missing value; an escaped %4Eone is the string "None"
            }
            String value = V1HeaderValues.decode(raw);
            if (field == V1Field.ID) {
                hasId = true;
            }
            apply(b, field, value);
        }
        if (!hasId) {
            throw new ImageSdkClientException("The service's response carries no x-image-meta-id header");
        }
        return b.build();
    }

    /** Sets one v1 attribute on the builder (shared by the header and JSON parsers). */
    static void apply(Image.Builder b, V1Field field, String value) {
        if (value == null) {
            return;
        }
        String f = field.wireName();
        switch (field) {
            case ID: b.id(value); break;
            case NAME: b.name(value); break;
            case STATUS: b.status(ImageStatus.of(value)); break;
            case IS_PUBLIC:
                boolean pub = V1HeaderValues.parseBool(f, value);
                b.isPublic(pub).visibility(pub ? Visibility.PUBLIC : Visibility.PRIVATE);
                break;
            case PROTECTED: b.isProtected(V1HeaderValues.parseBool(f, value)); break;
            case DELETED: b.deleted(V1HeaderValues.parseBool(f, value)); break;
            case DISK_FORMAT: b.diskFormat(DiskFormat.of(value)); break;
            case CONTAINER_FORMAT: b.containerFormat(ContainerFormat.of(value)); break;
            case SIZE: b.size(parseLong(f, value)); break;
            case VIRTUAL_SIZE: b.virtualSize(parseLong(f, value)); break;
            case CHECKSUM: b.checksum(value); break;
            case MIN_RAM: b.minRam((int) parseLong(f, value)); break;
            case MIN_DISK: b.minDisk((int) parseLong(f, value)); break;
            case OWNER: b.owner(value); break;
            case LOCATION: b.directUrl(value); break;
            case CREATED_AT: b.createdAt(V1Times.parse(f, value)); break;
            case UPDATED_AT: b.updatedAt(V1Times.parse(f, value)); break;
            case DELETED_AT: b.deletedAt(V1Times.parse(f, value)); break;
            default: break; // store, copy_from, uri: request-only
        }
    }

    private static long parseLong(String field, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0 || (!field.equals("size") && !field.equals("virtual_size") && n > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ImageSdkClientException("The service sent a malformed number for " + field + ": '" + value + "'");
        }
    }
}
