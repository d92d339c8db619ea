package dev.boomerang.customer;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingest contract on PostgreSQL, the production database, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class StoreIngestOnPostgresTest extends StoreIngestContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> "ingest-pg");
    }

    @AfterAll
    static void dropDatabase() {
        // the context is cached and may still hold connections; DROP ... WITH (FORCE) ends them
        DATABASE.close();
    }
}
