package dev.boomerang.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.campaign.Flow;
import dev.boomerang.campaign.UnknownFlowException;
import dev.boomerang.channel.Channel;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.Segments;
import dev.boomerang.template.MessageTemplates;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reading flow files (campaign files with {@code trigger:}) against the real segment catalog and templates: the
 * shipped examples become their records, and every kind of mistake is reported with file, line, column and a hint.
 * The test files are under {@code src/test/resources/flows}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class FlowDefinitionsTest {

    static final Path RESOURCES = Path.of("src/test/resources/flows");
    static final String DURATION_HINT = "write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "flows-" + UUID.randomUUID();
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

    /** The mistakes of one file of {@code invalid/}, named by its file name alone. */
    List<String> errors(String file) {
        CampaignReader.Result result = reader.read(RESOURCES.resolve("invalid").resolve(file), file);
        assertThat(result.flow()).isNull();
        assertThat(result.kind()).isEqualTo("flow");
        return result.errors().stream().map(DefinitionError::toString).toList();
    }

    Flow valid(String file) {
        CampaignReader.Result result = reader.read(RESOURCES.resolve("valid").resolve(file), file);
        assertThat(result.errors()).isEmpty();
        return result.flow();
    }

    static Variant one(String template) {
        return new Variant("a", 100, template);
    }

    // the shipped examples

    @Test
    void theShippedFlowsReadIntoTheirRecordsNextToTheCampaigns() {
        assertThat(campaigns.errors()).isEmpty();
        assertThat(campaigns.definitions()).extracting(Campaign::id).containsExactly("big-spenders-thank-you", "winback-monthly");
        assertThat(campaigns.flows()).extracting(Flow::id).containsExactly("abandoned-cart", "birthday", "post-purchase", "winback");
        assertThat(campaigns.flow("winback-monthly")).isEmpty();
        assertThatThrownBy(() -> campaigns.flowById("abandoned-kart")).isInstanceOf(UnknownFlowException.class)
            .hasMessage("no flow 'abandoned-kart'; did you mean 'abandoned-cart'?");
    }

    @Test
    void abandonedCart() {
        assertThat(campaigns.flowById("abandoned-cart")).isEqualTo(new Flow("abandoned-cart", "Abandoned cart",
                "Email an hour after a cart is left, then an SMS with 10% off a day later", "config/campaigns/abandoned-cart.yml",
                new Flow.CartAbandoned(Duration.ofHours(1), new BigDecimal("10"), null, null),
                List.of(new Flow.Send("step-1", Channel.EMAIL, List.of(one("cart-reminder")), null),
                        new Flow.Wait("step-2", Duration.ofHours(23), null),
                        new Flow.Send("sms-offer", Channel.SMS, List.of(one("cart-sms")),
                                new Discount(new BigDecimal("10"), null, null, null, Duration.ofDays(3)))),
                Set.of(Flow.Exit.ORDER_PLACED, Flow.Exit.CART_CONVERTED, Flow.Exit.CART_EMPTIED, Flow.Exit.UNSUBSCRIBED),
                new Flow.Reentry(false, Duration.ofDays(7)), 10, 10, Duration.ofDays(5)));
    }

    @Test
    void winback() {
        Rule regularsGoneQuiet = new Rule.All(List.of(new Rule.Orders(2L, null, null), new Rule.LastOrder(Duration.ofDays(60), null),
                new Rule.Consent(ContactChannel.EMAIL)));
        assertThat(campaigns.flowById("winback")).isEqualTo(new Flow("winback", "Win back regulars",
                "We miss you after 60 days without an order, a bigger offer two weeks later", "config/campaigns/winback.yml",
                new Flow.EntersSegment(null, regularsGoneQuiet, new Campaign.Schedule("0 0 9 * * ?", ZoneId.of("Europe/Warsaw"))),
                List.of(new Flow.Send("we-miss-you", Channel.EMAIL, List.of(one("we-miss-you")),
                        new Discount(new BigDecimal("10"), null, null, null, Duration.ofDays(14))),
                        new Flow.Wait("step-2", Duration.ofDays(14), null),
                        new Flow.Send("offer", Channel.EMAIL, List.of(one("winback-offer")),
                                new Discount(new BigDecimal("15"), null, null, null, Duration.ofDays(14)))),
                Set.of(Flow.Exit.ORDER_PLACED, Flow.Exit.UNSUBSCRIBED), new Flow.Reentry(false, Duration.ofDays(180)), 5, null,
                Duration.ofDays(14)));
    }

    @Test
    void postPurchase() {
        assertThat(campaigns.flowById("post-purchase")).isEqualTo(new Flow("post-purchase", "After an order",
                "Thank you three days after an order, a review request a week later", "config/campaigns/post-purchase.yml",
                new Flow.OrderPlaced(Duration.ofDays(3)),
                List.of(new Flow.Send("thanks", Channel.EMAIL, List.of(one("thank-you")), null),
                        new Flow.Wait("step-2", Duration.ofDays(7), null),
                        new Flow.Send("review", Channel.EMAIL, List.of(one("review-request")), null)),
                Set.of(Flow.Exit.UNSUBSCRIBED), Flow.Reentry.ONCE, 0, null, Duration.ofDays(5)));
    }

    @Test
    void birthday() {
        assertThat(campaigns.flowById("birthday")).isEqualTo(new Flow("birthday", "Happy birthday",
                "A birthday wish with 15% off, for customers with email consent", "config/campaigns/birthday.yml",
                new Flow.DateReached(Flow.DateKind.BIRTHDAY, 0, LocalTime.of(9, 0), new Campaign.Schedule("0 0 * * * ?", ZoneId.of("UTC"))),
                List.of(new Flow.Branch("step-1", new Flow.Matches(new Rule.Consent(ContactChannel.EMAIL)), null, Flow.Branch.END),
                        new Flow.Send("wish", Channel.EMAIL, List.of(one("birthday")),
                                new Discount(new BigDecimal("15"), null, null, null, Duration.ofDays(7)))),
                Set.of(Flow.Exit.UNSUBSCRIBED), Flow.Reentry.ONCE, 0, null, Duration.ofDays(5)));
    }
}
