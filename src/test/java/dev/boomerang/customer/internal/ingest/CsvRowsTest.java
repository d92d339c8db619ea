package dev.boomerang.customer.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading CSV: header checks up front, line numbers, empty cells versus absent columns, malformed files. */
class CsvRowsTest {

    private static CsvRows csv(String text, RowSchema schema) {
        return new CsvRows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), schema);
    }

    private static List<RawRow> all(CsvRows rows) {
        List<RawRow> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        return list;
    }

    @Test
    void rowsCarryTheirNumberLineAndOnlyTheColumnsTheFileHas() {
        List<RawRow> rows = all(csv("\uFEFFcustomer_id,email,attr.country\nc1,,PL\n\"c2\",\"b@example.com\",\n",
                RowSchema.CUSTOMERS));
        assertThat(rows).hasSize(2);
        RawRow first = rows.getFirst();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.has("email")).as("an empty cell is given, and empty").isTrue();
        assertThat(first.get("email")).isNull();
        assertThat(first.has("phone")).as("a column the file lacks is not given").isFalse();
        assertThat(first.attributes()).containsEntry("country", "PL");
        assertThat(rows.get(1).get("email")).isEqualTo("b@example.com");
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void aQuotedCellSpanningLinesKeepsLaterLineNumbersRight() {
        List<RawRow> rows = all(csv("sku,name\nA,\"two\nlines\"\nB,one\n", RowSchema.PRODUCTS));
        assertThat(rows.get(1).line()).isEqualTo(4);
    }

    @Test
    void unknownAndMissingRequiredColumnsRefuseTheFileUpFront() {
        assertThatThrownBy(() -> csv("order_id,customer,total\n", RowSchema.ORDERS))
            .isInstanceOfSatisfying(IngestRejectedException.class, ex -> assertThat(ex.errors())
                .extracting(RowError::field)
                .containsExactlyInAnyOrder("customer", "customer_id", "placed_at"));
    }

    @Test
    void aRepeatedColumnRefusesTheFile() {
        assertThatThrownBy(() -> csv("sku,name,sku\n", RowSchema.PRODUCTS)).isInstanceOf(IngestRejectedException.class);
    }

    @Test
    void aRowWithTooManyOrTooFewCellsIsAnErrorOfThatRow() {
        RowErrors errors = new RowErrors();
        for (RawRow row : all(csv("sku,name\nA,x,extra\nB\n", RowSchema.PRODUCTS))) {
            new FieldReader(row, errors);
        }
        assertThat(errors.kept()).extracting(RowError::row).containsExactly(1, 2);
    }

    @Test
    void anUnterminatedQuoteRefusesTheFileAndSaysWhere() {
        assertThatThrownBy(() -> all(csv("sku,name\nA,ok\nB,\"never closed\n", RowSchema.PRODUCTS)))
            .isInstanceOfSatisfying(IngestRejectedException.class,
                    ex -> assertThat(ex.errors().getFirst().message()).contains("after row 1"));
    }
}
