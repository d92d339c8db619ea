package dev.boomerang.insight;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The CDNOW acceptance on PostgreSQL, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class CdnowModelOnPostgresTest extends CdnowModelContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry, "cdnow-pg");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
