package dev.boomerang.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Flow;
import dev.boomerang.campaign.UnknownFlowException;
import dev.boomerang.channel.Channel;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reading flow files (campaign files with {@code trigger:}) against the real segment catalog and templates: the
 * shipped examples become their records, and every kind of mistake is reported with file, line, column and a hint.
 * The test files are under {@code src/test/resources/flows}.
 */
class FlowDefinitionsTest extends CatalogFiles {

    static final Path RESOURCES = Path.of("src/test/resources/flows");
    static final String DURATION_HINT = "write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d";

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

    // other valid forms

    @Test
    void aMinimalFlowTakesItsIdFromTheFileAndDefaultsForTheRest() {
        assertThat(valid("minimal.yml")).isEqualTo(new Flow("minimal", "minimal", null, "minimal.yml",
                new Flow.DateReached(Flow.DateKind.FIRST_ORDER_ANNIVERSARY, 0, LocalTime.of(9, 0),
                        new Campaign.Schedule("0 0 * * * ?", ZoneId.of("UTC"))),
                List.of(new Flow.Send("step-1", Channel.EMAIL, List.of(one("thank-you")), null)), Set.of(), Flow.Reentry.ONCE, 0,
                null, Duration.ofDays(5)));
    }

    @Test
    void everyFormOfStepTriggerAndExitReadsIntoTheRecord() {
        Flow flow = valid("every-form.yml");
        assertThat(flow.trigger()).isEqualTo(new Flow.CartAbandoned(Duration.ofMinutes(90), null, new BigDecimal("500.50"),
                new Rule.Product(null, "ESP-250")));
        assertThat(flow.steps()).containsExactly(
                new Flow.Send("first", Channel.EMAIL, List.of(new Variant("a", 60, "cart-reminder"), new Variant("b", 40, "thank-you")), null),
                new Flow.Wait("step-2", null, LocalTime.of(10, 0)),
                new Flow.Branch("step-3", new Flow.EngagedWith("first", true), "text", "vip"),
                new Flow.Branch("vip", new Flow.Matches(segments.rule("vip-champions")), Flow.Branch.END, null),
                new Flow.Wait("step-5", Duration.ofDays(14), null),
                new Flow.Send("text", Channel.SMS, List.of(one("cart-sms")), new Discount(null, new BigDecimal("5"), "EUR", "CART5", null)));
        assertThat(flow.exits()).containsExactly(Flow.Exit.CART_CONVERTED);
        assertThat(flow.reentry()).isEqualTo(Flow.Reentry.ONCE);
        assertThat(List.of(flow.priority(), flow.maxPerSecond())).containsExactly(-1, 2);
        assertThat(flow.attributionWindow()).isEqualTo(Duration.ofHours(36));
        assertThat(flow.indexOf("text")).isEqualTo(5);
    }

    @Test
    void aNamedSegmentTriggerKeepsItsIdAndLeavingItIsAnExit() {
        Flow flow = valid("named-segment.yml");
        assertThat(flow.trigger()).isEqualTo(new Flow.EntersSegment("lapsed-regulars", segments.rule("lapsed-regulars"),
                new Campaign.Schedule("0 0 * * * ?", ZoneId.of("UTC"))));
        assertThat(flow.steps().get(1)).isEqualTo(new Flow.Wait("step-2", Duration.ofDays(3), null));
        assertThat(flow.steps().get(2)).isEqualTo(new Flow.Branch("step-3", new Flow.EngagedWith("hello", false), Flow.Branch.END, null));
        assertThat(flow.exits()).containsExactly(Flow.Exit.LEAVES_SEGMENT);
        assertThat(flow.reentry()).isEqualTo(new Flow.Reentry(false, Duration.ofDays(90)));
    }

    // mistakes

    @Test
    void stepsWithoutATriggerAreAFlowThatLacksOne() {
        assertThat(errors("no-trigger.yml")).containsExactly(
                "no-trigger.yml:1:1: unknown key 'segment' in a flow; known: id, name, description, trigger, steps, exit-when, re-entry, "
                        + "priority, rate-limit, attribution-window",
                "no-trigger.yml:1:1: the flow has no trigger; add trigger: with one of cart-abandoned, enters-segment, order-placed, "
                        + "birthday, first-order-anniversary, as in trigger: { order-placed: { delay: 3d } }");
    }

    @Test
    void unknownSegmentsAndTemplatesAndTemplatesWithoutTheChannelsPart() {
        assertThat(errors("names.yml")).containsExactly(
                "names.yml:1:39: unknown segment 'lapsed-regular'; did you mean 'lapsed-regulars'?",
                "names.yml:3:39: unknown template 'we-mis-you'; did you mean 'we-miss-you'?",
                "names.yml:4:37: template 'thank-you' has no sms part; it has email; add templates/thank-you/sms.txt or pick another template",
                "names.yml:5:30: unknown segment 'vip-champion'; did you mean 'vip-champions'?",
                "names.yml:6:39: template 'we-miss-you' shows a discount, and the send step has none; "
                        + "add discount: { percent: 15 }, or pick another template");
    }

    @Test
    void branchesJumpOnlyForwardToStepsThatExist() {
        String forward = "branches only jump forward, so every journey ends; name a later step or end";
        assertThat(errors("targets.yml")).containsExactly(
                "targets.yml:5:45: then: 'step-2' is an earlier step; " + forward,
                "targets.yml:5:59: else: no step 'step-9'; did you mean 'step-1'?",
                "targets.yml:6:56: then: 'loop' is the branch itself; " + forward);
    }

    @Test
    void openedAndClickedAskAboutAnEarlierSend() {
        assertThat(errors("engaged.yml")).containsExactly(
                "engaged.yml:4:29: opened: 'step-1' is not an earlier send step; a branch asks whether the message of a send step before it was opened",
                "engaged.yml:5:30: clicked: 'later' is not an earlier send step; a branch asks whether the message of a send step before it was clicked",
                "engaged.yml:7:29: opened: no step 'nothing'; known: later, step-1, step-2, step-3, step-5");
    }

    @Test
    void stepIdsAreUniqueShortNamesAndNotEnd() {
        String form = "use lower-case letters, digits and dashes, as in sms-offer; 'end' is taken by branches";
        assertThat(errors("ids.yml")).containsExactly(
                "ids.yml:4:9: step id 'thanks' is given twice; the other one is step 1",
                "ids.yml:7:5: step id 'step-4' is given twice; the other one is step 3; steps without id: are named step-N by their place",
                "ids.yml:8:17: step id 'end' is not a step id; " + form,
                "ids.yml:10:17: the step's id is given twice; keep one id: beside the step's kind or inside it",
                "ids.yml:11:17: step id 'Bad Id' is not a step id; " + form);
    }

    @Test
    void aFlowSendsSomething() {
        assertThat(errors("no-send.yml")).containsExactly(
                "no-send.yml:4:3: the flow sends nothing; add a send step, as in - send: { channel: email, template: cart-reminder }");
    }

    @Test
    void exitsAreKnownOnceEachAndFitTheTrigger() {
        assertThat(errors("exits.yml")).containsExactly(
                "exits.yml:4:28: exit 'cart-emptied' does not fit the trigger order-placed; cart-emptied goes with cart-abandoned",
                "exits.yml:4:42: exit 'leaves-segment' does not fit the trigger order-placed; leaves-segment goes with enters-segment",
                "exits.yml:4:72: exit 'unsubscribed' is given twice; keep one",
                "exits.yml:4:86: unknown exit 'cart-abandoned'; known: order-placed, cart-converted, cart-emptied, unsubscribed, leaves-segment");
    }

    @Test
    void durationsTimesOfDayAndBounds() {
        assertThat(errors("times.yml")).containsExactly(
                "times.yml:1:40: idle-for: '1 hour' is not a duration; " + DURATION_HINT,
                "times.yml:1:55: value: at-least 50 is more than at-most 20; swap them, or drop one",
                "times.yml:1:96: contains needs a category or a sku, one of them; write contains: { category: coffee } or { sku: ESP-250 }",
                "times.yml:4:11: wait: 'soon' is not a duration; " + DURATION_HINT,
                "times.yml:5:20: until: '25:00' is not a time of day; write hours and minutes on the 24-hour clock, in quotes, as in \"09:00\"",
                "times.yml:6:11: a wait is for a duration or until a time of day, not both; "
                        + "write wait: 23h, wait: { for: 23h } or wait: { until: \"10:00\" } (the customer's local time)",
                "times.yml:7:11: wait is zero; give it a length, as in 5d",
                "times.yml:8:25: not-within: 'forever' is not a duration; " + DURATION_HINT);
    }

    @Test
    void dateTriggersCronsZonesAndReentry() {
        assertThat(errors("dates.yml")).containsExactly(
                "dates.yml:2:28: days-before: '90' is not a whole number from 0 to 60; write how many days ahead of the date, 0 to 60",
                "dates.yml:2:36: at: '9am' is not a time of day; write hours and minutes on the 24-hour clock, in quotes, as in \"09:00\"",
                "dates.yml:2:56: cron '0 0 9 * * MON' is not a Quartz cron expression: Support for specifying both a day-of-week AND a "
                        + "day-of-month parameter is not implemented; Quartz cron: seconds minutes hours day-of-month month day-of-week "
                        + "[year], one of the days '?', as in \"0 0 10 ? * TUE\"",
                "dates.yml:2:79: unknown time zone 'Europe/Warsw'; did you mean 'Europe/Warsaw'?",
                "dates.yml:5:11: re-entry 'sometimes' is neither once nor { not-within: ... }; "
                        + "write re-entry: once (the default), or re-entry: { not-within: 90d }");
        assertThat(errors("checks.yml")).containsExactly(
                "checks.yml:1:28: enters-segment names a segment or writes a rule, not both; "
                        + "write enters-segment: { segment: lapsed-regulars } or { rule: { ... } }",
                "checks.yml:1:89: check needs { cron: ..., zone: ... }, not 'daily'; "
                        + "write check: { cron: \"0 0 9 * * ?\", zone: Europe/Warsaw } (Quartz: seconds first)");
    }

    @Test
    void variantWeightsSumToAHundredAndASendHasAChannel() {
        assertThat(errors("variants.yml")).containsExactly(
                "variants.yml:5:17: the variants' weights sum to 90, not 100; weights are shares of the audience in percent",
                "variants.yml:5:94: template 'we-miss-you' shows a discount, and the send step has none; "
                        + "add discount: { percent: 15 }, or pick another template",
                "variants.yml:6:60: a send step has template or variants, not both; "
                        + "keep template: for one message, or put every template in variants:",
                "variants.yml:7:11: the send step has no channel; add channel: email or channel: sms");
    }

    @Test
    void triggersAndStepsOfUnknownOrSeveralKinds() {
        assertThat(errors("triggers.yml")).containsExactly("triggers.yml:1:10: a trigger is one of cart-abandoned, enters-segment, "
                + "order-placed, birthday, first-order-anniversary, not several; write a flow for each trigger");
        assertThat(errors("empty-trigger.yml")).containsExactly(
                "empty-trigger.yml:1:1: the flow has no steps; add steps: with at least one - send: { channel: ..., template: ... }",
                "empty-trigger.yml:1:10: the trigger is empty; write one of cart-abandoned, enters-segment, order-placed, birthday, "
                        + "first-order-anniversary, as in { order-placed: { delay: 3d } }");
        String oneAStep = "write - send: {...}, - wait: 23h or - branch: {...}, one a step";
        assertThat(errors("trigger-unknown.yml")).containsExactly(
                "trigger-unknown.yml:1:12: unknown key 'cart-abandonned' in trigger; did you mean 'cart-abandoned'?",
                "trigger-unknown.yml:3:5: unknown key 'snd' in a step; did you mean 'send'?",
                "trigger-unknown.yml:4:5: the step is none of send, wait, branch; " + oneAStep,
                "trigger-unknown.yml:5:5: a step is one of send, wait or branch, not several; " + oneAStep,
                "trigger-unknown.yml:7:13: the branch has neither then nor else; add then: or else: with a later step's id or end",
                "trigger-unknown.yml:7:19: if asks one thing: opened, clicked, segment or rule; "
                        + "write if: { opened: step-1 }, or combine rules in a rule: { all: [...] }",
                "trigger-unknown.yml:8:11: priority: 'high' is not a whole number; write a number such as 5; higher goes first, default 0");
        assertThat(errors("cart-needs.yml")).containsExactly(
                "cart-needs.yml:1:28: cart-abandoned has no idle-for; add idle-for: 1h, how long a cart is left before the flow starts",
                "cart-needs.yml:2:8: steps needs a list of send, wait or branch steps, not 'send'; write it as [ ... ] or as indented - lines");
    }

    // the folder

    @Test
    void campaignsAndFlowsShareOneSpaceOfIds() {
        Path folder = RESOURCES.resolve("shared-ids");
        CampaignCatalog.Catalog read = CampaignCatalog.readFolder(folder, reader);
        assertThat(read.errors()).extracting(DefinitionError::toString).containsExactly(
                folder.resolve("b-flow.yml") + ":1:5: flow 'thanks' has the id of a campaign; the other one is in "
                        + folder.resolve("a-campaign.yml") + "; campaigns and flows share ids, rename one",
                folder.resolve("d-flow.yml") + ":1:5: flow 'after' is defined twice; the other one is in " + folder.resolve("c-flow.yml"));
        assertThat(read.campaigns().keySet()).containsExactly("thanks");
        assertThat(read.flows().keySet()).containsExactly("after");
        assertThat(read.flows().get("after").trigger()).isEqualTo(new Flow.OrderPlaced(Duration.ZERO));
    }

    @Test
    void theInvalidFlowsFolderGivesNoFlowAndEveryMistake() {
        CampaignCatalog.Catalog read = CampaignCatalog.readFolder(RESOURCES.resolve("invalid"), reader);
        assertThat(read.flows()).isEmpty();
        assertThat(read.errors()).hasSize(54).extracting(DefinitionError::file).isSorted();
    }
}
