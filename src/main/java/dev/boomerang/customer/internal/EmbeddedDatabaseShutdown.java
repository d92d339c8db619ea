package dev.boomerang.customer.internal;

import dev.boomerang.customer.StoreDatabase;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Closes the embedded H2 database with {@code SHUTDOWN} once everything else has stopped. The URL says
 * {@code DB_CLOSE_ON_EXIT=FALSE} so that H2's own shutdown hook cannot close the database under Quartz and
 * running jobs; but then nothing closed it at all, and H2 2.4 could not reopen the file it left behind (the
 * restart after the demo store was seeded failed with "Unable to read the page"). The last lifecycle phase
 * runs after the web server, Quartz and the jobs have stopped, before the connection pool is closed.
 */
@Component
class EmbeddedDatabaseShutdown implements SmartLifecycle {

    private final JdbcTemplate jdbc;
    private final StoreDatabase database;
    private volatile boolean running;

    EmbeddedDatabaseShutdown(DataSource dataSource, StoreDatabase database) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.database = database;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!database.isPostgres()) {
            jdbc.execute("SHUTDOWN");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
