package dev.boomerang.engagement;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The attribution contract on PostgreSQL, the production database, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class AttributionOnPostgresTest extends AttributionContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        outbox(registry, "attribution-pg");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
