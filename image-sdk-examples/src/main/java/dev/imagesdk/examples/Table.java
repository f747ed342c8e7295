package dev.imagesdk.examples;

import dev.imagesdk.model.Image;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain-text table like the {@code glance} client prints ({@code +---+} borders). Cells are
 * {@code String.valueOf} of what is added; {@code null} prints as empty. Not thread-safe.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headers. */
    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; missing cells are empty, extra cells are ignored. */
    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            row.add(i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "");
        }
        rows.add(row);
        return this;
    }

    /** An image's attributes and properties as a Property/Value table, like {@code glance image-show}. */
    public static Table of(Image image) {
        Table t = new Table("Property", "Value");
        Map<String, Object> fields = new TreeMap<>();
        fields.put("checksum", image.checksum());
        fields.put("container_format", image.containerFormat());
        fields.put("created_at", image.createdAt());
        fields.put("disk_format", image.diskFormat());
        fields.put("id", image.id());
        fields.put("min_disk", image.minDisk());
        fields.put("min_ram", image.minRam());
        fields.put("name", image.name());
        fields.put("os_hash_algo", image.osHashAlgo());
        fields.put("os_hash_value", abbreviate(image.osHashValue()));
        fields.put("owner", image.owner());
        fields.put("protected", image.protectedIfReported().orElse(null));
        fields.put("size", image.size());
        fields.put("status", image.status());
        fields.put("tags", image.tags().isEmpty() ? null : String.join(", ", image.tags()));
        fields.put("updated_at", image.updatedAt());
        fields.put("visibility", image.visibility());
        fields.putAll(image.properties());
        fields.forEach((k, v) -> {
            if (v != null) {
                t.row(k, v);
            }
        });
        return t;
    }

    /** Images as rows: ID, Name, Status, Visibility, Size. */
    public static Table list(Iterable<Image> images) {
        Table t = new Table("ID", "Name", "Status", "Visibility", "Size");
        for (Image i : images) {
            t.row(i.id(), i.name(), i.status(), i.visibility(), i.size());
        }
        return t;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 32 ? s : s.substring(0, 29) + "...";
    }

    /** Prints the table. */
    public void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        String border = border(widths);
        out.println(border);
        out.println(line(headers, widths));
        out.println(border);
        for (List<String> r : rows) {
            out.println(line(r, widths));
        }
        out.println(border);
    }

    private static String border(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String c = cells.get(i);
            b.append(' ').append(c).append(" ".repeat(widths[i] - c.length())).append(" |");
        }
        return b.toString();
    }
}
