package dev.boomerang.customer.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Which database holds the store, for the few statements that differ between H2 and PostgreSQL. */
@Component
public class StoreDatabase {

    private final boolean postgres;

    StoreDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** A table that lives until the end of the current transaction, visible to this connection only. */
    public String createTransactionTable(String name, String columns) {
        return postgres ? "CREATE TEMPORARY TABLE " + name + " (" + columns + ") ON COMMIT DROP"
                : "CREATE LOCAL TEMPORARY TABLE " + name + " (" + columns + ") ON COMMIT DROP TRANSACTIONAL";
    }
}
