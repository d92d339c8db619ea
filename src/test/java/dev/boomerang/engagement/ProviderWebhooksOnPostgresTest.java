package dev.boomerang.engagement;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The provider webhooks and reports on PostgreSQL, the production database, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class ProviderWebhooksOnPostgresTest extends ProviderWebhooksContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry, "providers-pg");
        providers(registry, "providers-pg");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
