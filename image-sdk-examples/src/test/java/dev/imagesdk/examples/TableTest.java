package dev.imagesdk.examples;

import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    private static String print(Table table) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        table.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellAndNullsPrintEmpty() {
        String text = print(new Table("A", "Long header").row("wide cell", null).row("x", "y"));

        assertThat(text.lines().toList()).containsExactly(
                "+-----------+-------------+",
                "| A         | Long header |",
                "+-----------+-------------+",
                "| wide cell |             |",
                "| x         | y           |",
                "+-----------+-------------+");
    }

    @Test
    void anImageTableListsAttributesAndPropertiesSortedAndSkipsMissingOnes() {
        Image image = Image.builder().id("id-1").name("n").status(ImageStatus.ACTIVE)
                .property("zeta", "1").property("architecture", "x86_64").build();

        String text = print(Table.of(image));

        assertThat(text).containsSubsequence("| architecture |", "| id ", "| name ", "| status ", "| zeta ")
                .doesNotContain("| checksum");
    }
}
