package dev.boomerang.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.support.BoomerangProcess;
import dev.boomerang.support.BoomerangProcess.Result;
import dev.boomerang.support.Cdnow;
import dev.boomerang.support.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it, on the packaged jar and PostgreSQL: the CDNOW sample imported with
 * {@code import}, then {@code insight fit --as-of 1997-09-30} prints the published parameters and stores the fit,
 * and {@code insight rfm} scores every customer. An empty store cannot be fitted, and says so.
 */
class InsightCommandIT {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @TempDir
    static Path dir;

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    static Result run(String... args) throws Exception {
        return BoomerangProcess.run(dir, BoomerangProcess.postgres(DATABASE), 5, args);
    }

    @Test
    void fitsAndScoresFromTheCommandLine() throws Exception {
        Result empty = run("insight", "fit");
        assertThat(empty.exitCode()).as(empty.output()).isEqualTo(1);
        assertThat(empty.output()).contains("a fit needs at least 50 customers");

        Cdnow.writeCsv(Cdnow.sample(), dir);
        assertThat(run("import", "customers", "customers.csv").exitCode()).isZero();
        assertThat(run("import", "orders", "orders.csv").exitCode()).isZero();

        Result fit = run("insight", "fit", "--as-of", "1997-09-30");
        assertThat(fit.exitCode()).as(fit.output()).isZero();
        assertThat(fit.output())
            .contains("as of 1997-09-30 (UTC): purchases from 1997-01-01 to 1997-09-30")
            .contains("customers 2,357");
        Matcher bg = Pattern.compile("r = ([0-9.]+)  alpha = ([0-9.]+)  a = ([0-9.]+)  b = ([0-9.]+)  log-likelihood = (-[0-9.]+)")
            .matcher(fit.output());
        assertThat(bg.find()).as(fit.output()).isTrue();
        assertThat(Double.parseDouble(bg.group(1))).isBetween(0.233, 0.253);
        assertThat(Double.parseDouble(bg.group(2))).isBetween(4.404, 4.424);
        assertThat(Double.parseDouble(bg.group(5))).isBetween(-9583.0, -9582.0);
        assertThat(fit.output()).containsPattern("Gamma-Gamma  p = 6\\.2[0-9]+  q = 3\\.7[0-9]+  gamma = 15\\.4[0-9]+");

        Result rfm = run("insight", "rfm", "--as-of", "1998-06-30");
        assertThat(rfm.exitCode()).as(rfm.output()).isZero();
        assertThat(rfm.output()).contains("written for 2,357 customers");
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM insight_fit), (SELECT trigger_source FROM insight_fit),"
                        + " (SELECT COUNT(*) FROM customer_prediction), (SELECT COUNT(*) FROM customer_rfm)")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("command");
            assertThat(rs.getLong(3)).isEqualTo(2357);
            assertThat(rs.getLong(4)).isEqualTo(2357);
        }

        Result bad = run("insight", "fit", "--as-of", "30/09/1997");
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(2);
        assertThat(bad.output()).contains("--as-of");
    }
}
