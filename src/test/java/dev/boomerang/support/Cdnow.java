package dev.boomerang.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CDNOW master purchase log ({@code ../shared/data/cdnow/CDNOW_master.txt}): 69,659 purchases of 23,570
 * customers. Read straight from the file, independent of anything Boomerang does, and written out as the
 * CSVs Boomerang imports: one order per purchase line, numbered by its line.
 */
public final class Cdnow {

    public record Purchase(String orderId, String customerId, LocalDate date, BigDecimal dollars) {
    }

    public static Path master() {
        Path file = Path.of("..", "shared", "data", "cdnow", "CDNOW_master.txt").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the CDNOW data set is expected at " + file + " (shared/ beside the clone)");
        }
        return file;
    }

    public static List<Purchase> purchases() throws IOException {
        List<Purchase> purchases = new ArrayList<>();
        List<String> lines = Files.readAllLines(master(), StandardCharsets.US_ASCII);
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        for (int i = 1; i < lines.size(); i++) { // line 0 is the header
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length != 4) {
                throw new IllegalStateException("CDNOW line " + (i + 1) + " has " + f.length + " columns");
            }
            purchases.add(new Purchase("P" + (i + 1), f[0], LocalDate.parse(f[1], yyyymmdd), new BigDecimal(f[3])));
        }
        return purchases;
    }

    /**
     * The 2,357-customer sample of the literature ({@code CDNOW_sample.txt}: master id, sample id, date, CDs,
     * dollars), with the sample id (1..2357, the ID of {@code cdnow_sample_summary.csv}) as the customer id.
     */
    public static List<Purchase> sample() throws IOException {
        Path file = master().resolveSibling("CDNOW_sample.txt");
        List<Purchase> purchases = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length != 5) {
                throw new IllegalStateException("CDNOW sample line " + (i + 1) + " has " + f.length + " columns");
            }
            purchases.add(new Purchase("S" + (i + 1), String.valueOf(Integer.parseInt(f[1])),
                    LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])));
        }
        return purchases;
    }

    /** The customers and orders CSVs of {@link #writeCsv}, as text, for the REST ingest. */
    public static String[] csv(List<Purchase> purchases) throws IOException {
        Path dir = Files.createTempDirectory("cdnow");
        try {
            writeCsv(purchases, dir);
            return new String[] { Files.readString(dir.resolve("customers.csv")), Files.readString(dir.resolve("orders.csv")) };
        }
        finally {
            Files.deleteIfExists(dir.resolve("customers.csv"));
            Files.deleteIfExists(dir.resolve("orders.csv"));
            Files.deleteIfExists(dir);
        }
    }

    /** Writes {@code customers.csv} and {@code orders.csv} into {@code dir}. */
    public static void writeCsv(List<Purchase> purchases, Path dir) throws IOException {
        Set<String> customers = new LinkedHashSet<>();
        purchases.forEach(p -> customers.add(p.customerId()));
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("customers.csv"))) {
            out.write("customer_id\n");
            for (String c : customers) {
                out.write(c + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("orders.csv"))) {
            out.write("order_id,customer_id,placed_at,total,currency\n");
            for (Purchase p : purchases) {
                out.write(p.orderId() + "," + p.customerId() + "," + p.date() + "," + p.dollars().toPlainString() + ",USD\n");
            }
        }
    }

    private Cdnow() {
    }
}
