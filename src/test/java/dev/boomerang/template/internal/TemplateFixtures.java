package dev.boomerang.template.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Template module parts built without Spring, over a given templates folder, as the store in config/ has them. */
public final class TemplateFixtures {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private TemplateFixtures() {
    }

    public static TemplateProperties properties(Path location, int maxSegments) {
        return new TemplateProperties(location, true, List.of("en", "pl"), new TemplateProperties.Sms(maxSegments, true),
                new TemplateProperties.Store("Bean & Leaf", "12 Roastery Lane, Portland, OR 97201, USA",
                        "https://shop.example.com", "hello@shop.example.com", "", "https://shop.example.com/cart/{cart}", "USD"),
                new TemplateProperties.Recommendations(4, Duration.ofDays(180), Duration.ofHours(1)),
                new TemplateProperties.PreviewLinks("https://boomerang.example.com/unsubscribe/preview",
                        "https://boomerang.example.com/preferences/preview"),
                false);
    }

    public static TemplateProperties properties(Path location) {
        return properties(location, 2);
    }

    public static ThymeleafMessageTemplates templates(Path location) {
        return new ThymeleafMessageTemplates(properties(location));
    }

    /** The complete sample customer's model in a language, with preview links. */
    public static dev.boomerang.template.MessageModel sample(Path location, String language) {
        return samples(location).full(language);
    }

    public static SampleModels samples(Path location) {
        return new SampleModels(properties(location), CLOCK);
    }

    /** Every problem the startup check would find in the folder. */
    public static List<String> problems(TemplateProperties properties) {
        return new TemplateChecks(new ThymeleafMessageTemplates(properties), new SampleModels(properties, CLOCK),
                properties).problems();
    }
}
