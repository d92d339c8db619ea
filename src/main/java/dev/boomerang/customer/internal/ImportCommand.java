package dev.boomerang.customer.internal;

import dev.boomerang.customer.internal.ingest.CsvRows;
import dev.boomerang.customer.internal.ingest.IngestRejectedException;
import dev.boomerang.customer.internal.ingest.RowError;
import dev.boomerang.customer.internal.ingest.RowErrors;
import dev.boomerang.customer.internal.ingest.RowSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import customers|orders|products FILE.csv}: streams a CSV file of any size into the configured
 * database, all or nothing, with progress on the terminal. Imports are history: they publish no events, so
 * importing last year's orders starts no flow.
 */
@Component
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a CSV file (header row naming the columns) into the store, all or nothing.")
class ImportCommand implements Callable<Integer> {

    enum Kind { customers, orders, products }

    @Parameters(index = "0", description = "What the file holds: ${COMPLETION-CANDIDATES}")
    Kind kind;

    @Parameters(index = "1", description = "The CSV file")
    Path file;

    @Spec
    CommandSpec spec;

    private final CustomerIngest customers;
    private final OrderIngest orders;
    private final ProductIngest products;

    ImportCommand(CustomerIngest customers, OrderIngest orders, ProductIngest products) {
        this.customers = customers;
        this.orders = orders;
        this.products = products;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("import: cannot read " + file);
            return 2;
        }
        long size = Files.size(file);
        long started = System.nanoTime();
        try (BoundedBody in = new BoundedBody(new BufferedInputStream(Files.newInputStream(file), 1 << 16), Long.MAX_VALUE)) {
            Progress progress = new Progress(err, kind.name(), in, size, started);
            RowErrors errors = new RowErrors();
            IngestSource source = IngestSource.importFile(file.getFileName().toString());
            try (CsvRows rows = new CsvRows(in, schema())) {
                IngestSummary summary = ingest().ingest(rows, errors, source, progress);
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.clear();
                err.printf(Locale.ROOT, "imported %,d %s from %s in %.1f s (%,.0f rows/s): %,d new, %,d updated, %,d unchanged%n",
                        summary.rows(), kind, file.getFileName(), seconds, summary.rows() / Math.max(seconds, 1e-9),
                        summary.created(), summary.updated(), summary.unchanged());
                err.flush();
                return 0;
            }
            catch (DataAccessException | UncheckedIOException ex) {
                progress.clear();
                err.println(file.getFileName() + ": import failed, nothing stored: "
                        + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
                err.flush();
                return 2;
            }
            catch (IngestRejectedException ex) {
                progress.clear();
                err.println(file.getFileName() + ": " + ex.getMessage());
                for (RowError error : ex.errors()) {
                    err.println("  " + error);
                }
                if (ex.errorCount() > ex.errors().size()) {
                    err.printf(Locale.ROOT, "  ... and %,d more%n", ex.errorCount() - ex.errors().size());
                }
                err.flush();
                return 1;
            }
        }
    }

    private RowSchema schema() {
        return switch (kind) {
            case customers -> RowSchema.CUSTOMERS;
            case orders -> RowSchema.ORDERS;
            case products -> RowSchema.PRODUCTS;
        };
    }

    private BatchIngest ingest() {
        return switch (kind) {
            case customers -> customers::ingest;
            case orders -> orders::ingest;
            case products -> products::ingest;
        };
    }

    /** A progress line on the terminal, rewritten at most twice a second. */
    static final class Progress implements IngestProgress {
        private final PrintWriter err;
        private final String what;
        private final BoundedBody in;
        private final long size;
        private final long started;
        private long lastShown;
        private boolean shown;

        Progress(PrintWriter err, String what, BoundedBody in, long size, long started) {
            this.err = err;
            this.what = what;
            this.in = in;
            this.size = size;
            this.started = started;
            this.lastShown = started;
        }

        @Override
        public void stage(String stage) {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf(Locale.ROOT, "\r%s: %s (%.0f s so far)%s", what, stage, seconds, " ".repeat(30));
            err.flush();
            shown = true;
        }

        @Override
        public void rowsRead(long rows) {
            if ((rows & 1023) != 0) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastShown < 500_000_000L) {
                return;
            }
            lastShown = now;
            shown = true;
            double seconds = (now - started) / 1e9;
            err.printf(Locale.ROOT, "\r%s: %,d rows read, %d%% of the file, %,.0f rows/s   ", what, rows,
                    size == 0 ? 100 : in.count() * 100 / size, rows / seconds);
            err.flush();
        }

        void clear() {
            if (shown) {
                err.print("\r" + " ".repeat(78) + "\r");
            }
        }
    }
}
