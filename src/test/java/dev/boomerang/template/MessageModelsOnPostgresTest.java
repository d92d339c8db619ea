package dev.boomerang.template;

import dev.boomerang.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Message models on PostgreSQL, the production database, in a database of its own. */
@ActiveProfiles({ "test", "postgres" })
class MessageModelsOnPostgresTest extends MessageModelsContract {

    static final PostgresDatabase DATABASE = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> "models-pg");
        // production names its templates folder; here it is the repository's
        registry.add("boomerang.template.location", () -> "templates");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
