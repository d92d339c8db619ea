package dev.boomerang.delivery.internal;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ledger's contract on PostgreSQL, the production database, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class LedgerOnPostgresTest extends LedgerContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
