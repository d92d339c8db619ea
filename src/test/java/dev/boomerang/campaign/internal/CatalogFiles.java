package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaigns;
import dev.boomerang.segment.Segments;
import dev.boomerang.template.MessageTemplates;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reading files of the campaign folder against the real segment catalog ({@code config/segments}) and templates
 * ({@code templates/}), with the shipped {@code config/campaigns} as the application's catalog. One application
 * context for the campaign and the flow tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
abstract class CatalogFiles {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "campaigns-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
        registry.add("boomerang.campaign.directory", () -> "config/campaigns");
    }

    @Autowired
    Segments segments;

    @Autowired
    MessageTemplates templates;

    @Autowired
    Campaigns campaigns;

    CampaignReader reader;

    @BeforeEach
    void reader() {
        reader = new CampaignReader(segments, new TemplateCheck(templates), ZoneId.of("UTC"));
    }
}
