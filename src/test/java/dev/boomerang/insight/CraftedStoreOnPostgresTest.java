package dev.boomerang.insight;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** KPIs, cohorts and RFM of the crafted store on PostgreSQL, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class CraftedStoreOnPostgresTest extends CraftedStoreContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry, "crafted-pg");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
