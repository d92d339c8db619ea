package dev.boomerang.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.BoomerangProcess;
import dev.boomerang.support.BoomerangProcess.Result;
import dev.boomerang.support.Cdnow;
import dev.boomerang.support.Cdnow.Purchase;
import dev.boomerang.support.PostgresDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CDNOW purchase log through the command line into PostgreSQL: the stored aggregates must match a
 * computation made straight from the file, a second import must change nothing, and a bad file nothing at all.
 */
class CdnowImportIT {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @TempDir
    static Path dir;

    static List<Purchase> purchases;

    record Expected(int orders, BigDecimal spent, LocalDate first, LocalDate last) {
    }

    @BeforeAll
    static void importCdnow() throws Exception {
        purchases = Cdnow.purchases();
        Cdnow.writeCsv(purchases, dir);
        Result customers = importFile("customers", "customers.csv");
        assertThat(customers.exitCode()).as(customers.output()).isZero();
        assertThat(customers.output()).contains("imported 23,570 customers");
        Result orders = importFile("orders", "orders.csv");
        assertThat(orders.exitCode()).as(orders.output()).isZero();
        assertThat(orders.output()).contains("imported 69,659 orders").contains("69,659 new");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    static Result importFile(String kind, String file) throws Exception {
        return BoomerangProcess.run(dir, BoomerangProcess.postgres(DATABASE), 5, "import", kind, file);
    }

    @Test
    void theStoredAggregatesMatchAnIndependentComputationOverTheFile() throws Exception {
        Map<String, Expected> expected = purchases.stream().collect(Collectors.groupingBy(Purchase::customerId,
                Collectors.collectingAndThen(Collectors.toList(), list -> new Expected(list.size(),
                        list.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros(),
                        list.stream().map(Purchase::date).min(LocalDate::compareTo).orElseThrow(),
                        list.stream().map(Purchase::date).max(LocalDate::compareTo).orElseThrow()))));
        assertThat(expected).hasSize(23_570);
        assertThat(purchases).hasSize(69_659);

        Map<String, Expected> stored = storedAggregates();
        assertThat(stored).hasSize(23_570);
        assertThat(stored).isEqualTo(expected);
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(total) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(69_659);
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(
                    purchases.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    @Test
    void importingTheSameFileAgainChangesNothing() throws Exception {
        Map<String, Expected> before = storedAggregates();
        Result again = importFile("orders", "orders.csv");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("0 new, 0 updated, 69,659 unchanged");
        assertThat(storedAggregates()).isEqualTo(before);
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryBadRowNamed() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), """
                order_id,customer_id,placed_at,total
                NEW-1,00001,1998-07-01,10.00
                NEW-2,99999999,1998-07-01,10.00
                NEW-3,00002,July 1st,-4
                """);
        Result bad = importFile("orders", "bad.csv");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output())
            .contains("nothing stored")
            .contains("row 3 (line 4), placed_at")
            .contains("row 3 (line 4), total: is negative");
        // the unknown customer is found against the store once the rows themselves are clean
        Files.writeString(dir.resolve("bad2.csv"), """
                order_id,customer_id,placed_at,total
                NEW-1,00001,1998-07-01,10.00
                NEW-2,99999999,1998-07-01,10.00
                """);
        Result unknown = importFile("orders", "bad2.csv");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.output()).contains("row 2 (line 3), customer_id: unknown customer 99999999");
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders WHERE external_id LIKE 'NEW-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        Result missing = importFile("orders", "no-such-file.csv");
        assertThat(missing.exitCode()).isEqualTo(2);
    }

    static LocalDate utcDate(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    static Map<String, Expected> storedAggregates() throws Exception {
        Map<String, Expected> stored = new HashMap<>();
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT external_id, order_count, total_spent, first_order_at, last_order_at FROM customer")) {
            while (rs.next()) {
                stored.put(rs.getString(1), new Expected(rs.getInt(2), rs.getBigDecimal(3).stripTrailingZeros(),
                        utcDate(rs.getObject(4, OffsetDateTime.class)), utcDate(rs.getObject(5, OffsetDateTime.class))));
            }
        }
        return stored;
    }
}
