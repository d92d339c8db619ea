package dev.boomerang.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.UnknownCampaignException;
import dev.boomerang.channel.Channel;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading campaign files against the real segment catalog ({@code config/segments}) and templates
 * ({@code templates/}): valid files become their records, and every kind of mistake is reported, all at once,
 * with file, line, column and a hint. The files are under {@code src/test/resources/campaigns}.
 */
class CampaignDefinitionsTest extends CatalogFiles {

    static final Path RESOURCES = Path.of("src/test/resources/campaigns");

    @TempDir
    Path dir;

    /** The mistakes of one file of {@code invalid/}, named by its file name alone. */
    List<String> errors(String file) {
        CampaignReader.Result result = reader.read(RESOURCES.resolve("invalid").resolve(file), file);
        assertThat(result.campaign()).isNull();
        return result.errors().stream().map(DefinitionError::toString).toList();
    }

    Campaign valid(String file) {
        CampaignReader.Result result = reader.read(RESOURCES.resolve("valid").resolve(file), file);
        assertThat(result.errors()).isEmpty();
        return result.campaign();
    }

    // valid files

    @Test
    void aMinimalCampaignTakesItsIdFromTheFileAndDefaultsForTheRest() {
        assertThat(valid("minimal.yml")).isEqualTo(new Campaign("minimal", "minimal", null, "minimal.yml", "big-spenders-90d",
                segments.rule("big-spenders-90d"), Channel.EMAIL, List.of(new Variant("a", 100, "thank-you")), null, 0, 0, null,
                null, Duration.ofDays(5)));
        assertThat(valid("minimal.yml").manualOnly()).isTrue();
    }

    @Test
    void everyFieldReadsIntoTheRecord() {
        assertThat(valid("full.yml")).isEqualTo(new Campaign("spring-sms-test", "Spring SMS, A/B",
                "Two texts, 10 off for orders over the threshold", "full.yml", null,
                new Rule.All(List.of(new Rule.Orders(3L, null, null), new Rule.Consent(ContactChannel.SMS))), Channel.SMS,
                List.of(new Variant("a", 30, "cart-reminder"), new Variant("b", 70, "birthday")),
                new Campaign.Schedule("0 30 9 ? * MON-FRI", ZoneId.of("America/New_York")), 25, -2,
                new Discount(null, new BigDecimal("10.50"), "EUR", "SPRING-10", Duration.ofDays(14)), 5, Duration.ofHours(36)));
    }

    @Test
    void aScheduleWithoutZoneTakesTheConfiguredOne() {
        Campaign nightly = new CampaignReader(segments, new TemplateCheck(templates), ZoneId.of("Europe/Warsaw"))
            .read(RESOURCES.resolve("valid/cron-default-zone.yml"), "nightly.yml").campaign();
        assertThat(nightly.schedule()).isEqualTo(new Campaign.Schedule("0 0 3 * * ?", ZoneId.of("Europe/Warsaw")));
        assertThat(nightly.holdoutPercent()).isZero();
        assertThat(nightly.discount()).isEqualTo(new Discount(new BigDecimal("12.5"), null, null, null, null));
    }

    @Test
    void theShippedExamplesValidateAgainstTheRealSegmentsAndTemplates() {
        assertThat(campaigns.errors()).isEmpty();
        assertThat(campaigns.definitions()).extracting(Campaign::id).containsExactly("big-spenders-thank-you", "winback-monthly");
        // the flows beside them read too (FlowDefinitionsTest checks each one)
        assertThat(campaigns.flows()).hasSize(4);
        assertThat(campaigns.campaign("winback-monthly")).isEqualTo(new Campaign("winback-monthly", "Win back lapsed regulars",
                "Once a month, 15% off for customers who bought regularly but not in the last 60 days",
                "config/campaigns/winback-monthly.yml", "lapsed-regulars", segments.rule("lapsed-regulars"), Channel.EMAIL,
                List.of(new Variant("a", 100, "we-miss-you")), new Campaign.Schedule("0 0 10 1 * ?", ZoneId.of("Europe/Warsaw")),
                10, 5, new Discount(new BigDecimal("15"), null, null, null, Duration.ofDays(14)), 20, Duration.ofDays(7)));
        assertThat(campaigns.campaign("big-spenders-thank-you").manualOnly()).isTrue();
        assertThat(campaigns.definition("nope")).isEmpty();
        assertThatThrownBy(() -> campaigns.campaign("winback-montly")).isInstanceOf(UnknownCampaignException.class)
            .hasMessage("no campaign 'winback-montly'; did you mean 'winback-monthly'?");
    }

    // mistakes: the document

    @Test
    void yamlSyntaxEmptyAndForeignDocuments() {
        assertThat(errors("not-yaml.yml")).containsExactly(
                "not-yaml.yml:4:9: not valid YAML: expected ',' or ']', but got :; check the indentation and the quotes around this place");
        assertThat(errors("empty.yml")).containsExactly(
                "empty.yml: the document is empty; write a campaign: at least segment, channel and template");
        // a tag naming a Java class is refused while composing: nothing is ever constructed from a definition
        assertThat(errors("not-a-mapping.yml")).containsExactly("not-a-mapping.yml:1:1: not valid YAML: Global tag is not allowed: "
                + "tag:yaml.org,2002:javax.script.ScriptEngineManager; check the indentation and the quotes around this place");
    }

    @Test
    void hostileDocumentsAreRefusedWithoutBeingRead() throws IOException {
        Path big = dir.resolve("big.yml");
        Files.writeString(big, "description: " + "x".repeat(1 << 20) + "\n");
        assertThat(reader.read(big, "big.yml").errors()).extracting(DefinitionError::toString).containsExactly(
                "big.yml: the file has 1048590 bytes, more than a definition may (1048576); a definition is a few dozen lines; is this the right file?");
        Path laughs = dir.resolve("laughs.yml");
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        Files.writeString(laughs, yaml);
        assertThat(reader.read(laughs, "laughs.yml").errors()).extracting(DefinitionError::message)
            .containsExactly("not valid YAML: Number of aliases for non-scalar nodes exceeds the specified max=20");
    }

    @Test
    void unknownMissingAndRepeatedKeys() {
        assertThat(errors("keys.yml")).containsExactly(
                "keys.yml:1:1: the campaign has no segment; add segment: with a segment id from config/segments, or segment: { rule: ... }",
                "keys.yml:1:1: the campaign has no channel; add channel: email or channel: sms",
                "keys.yml:2:1: unknown key 'segmnt' in a campaign; did you mean 'segment'?",
                "keys.yml:3:1: unknown key 'chanel' in a campaign; did you mean 'channel'?",
                "keys.yml:6:1: 'holdout' is given twice in a campaign; keep one");
    }

    @Test
    void idsAndNamesOfThingsElsewhere() {
        assertThat(errors("Bad_Name.yml")).containsExactly("Bad_Name.yml:1:1: the file name 'Bad_Name' is not a campaign id; "
                + "use lower-case letters, digits and dashes, as in winback-monthly, or add id:");
        assertThat(errors("bad-id.yml")).containsExactly(
                "bad-id.yml:1:5: id 'Winback Tuesday' is not a campaign id; use lower-case letters, digits and dashes, as in winback-monthly",
                "bad-id.yml:2:10: unknown segment 'lapsed-regular'; did you mean 'lapsed-regulars'?",
                "bad-id.yml:3:10: channel 'Email' is not email or sms; did you mean 'email'?",
                "bad-id.yml:4:11: unknown template 'we-mis-you'; did you mean 'we-miss-you'?");
        assertThat(errors("fax.yml")).containsExactly("fax.yml:2:10: channel 'fax' is not email or sms; write email or sms");
    }

    @Test
    void anInlineRuleReportsTheSegmentParsersMistakesAtTheirPlaceInTheCampaignFile() {
        assertThat(errors("inline-rule.yml")).containsExactly(
                "inline-rule.yml:5:29: at-least: 'lots' is not a whole number of orders; write a number such as 2",
                "inline-rule.yml:6:9: unknown key 'last-ordr' in the rule; did you mean 'last-order'?",
                "inline-rule.yml:7:18: unknown segment 'lapsed-regs'; known: abandoned-carts-over-20, big-spenders-90d, "
                        + "birthdays-this-week, coffee-gone-quiet, lapsed-regulars, new-customers, slipping-but-worth-saving, vip-champions");
    }

    // mistakes: what is sent

    @Test
    void everyTemplateNeedsAPartForTheChannelAndADiscountWhenItShowsOne() {
        assertThat(errors("channels.yml")).containsExactly(
                "channels.yml:5:36: template 'thank-you' has no sms part; it has email; add templates/thank-you/sms.txt or pick another template",
                "channels.yml:6:36: template 'we-miss-you' has no sms part; it has email; add templates/we-miss-you/sms.txt or pick another template");
        assertThat(errors("no-discount.yml")).containsExactly("no-discount.yml:3:11: template 'we-miss-you' shows a discount, "
                + "and the campaign has none; add discount: { percent: 15 }, or pick another template");
    }

    @Test
    void templateOrVariantsWithDistinctIdsAndWeightsSummingToAHundred() {
        assertThat(errors("both.yml")).containsExactly("both.yml:4:11: a campaign has template or variants, not both; "
                + "keep template: for one message, or put every template in variants:");
        assertThat(errors("neither.yml")).containsExactly("neither.yml:1:1: the campaign has no template; "
                + "add template: NAME (a folder of templates/), or variants: with weights");
        assertThat(errors("variants.yml")).containsExactly(
                "variants.yml:4:3: the variants' weights sum to 90, not 100; weights are shares of the audience in percent",
                "variants.yml:5:11: variant 'a' is given twice; give each variant its own id");
        assertThat(errors("variant-parts.yml")).containsExactly(
                "variant-parts.yml:4:22: weight: '150' is not a whole number from 0 to 100; write a variant's share of the audience in percent, 0 to 100",
                "variant-parts.yml:5:5: the variant has no weight; write { id: a, weight: 50, template: we-miss-you }",
                "variant-parts.yml:6:5: a variant needs a mapping of id, weight, template, not 'thank-you'; write it as { key: value } or as indented key: value lines");
    }

    @Test
    void schedulesAreQuartzCronsInKnownZonesOrManual() {
        String cronHint = "Quartz cron: seconds minutes hours day-of-month month day-of-week [year], one of the days '?', as in \"0 0 10 ? * TUE\"";
        assertThat(errors("cron.yml")).containsExactly(
                "cron.yml:4:19: cron '0 0 10 * * TUE' is not a Quartz cron expression: Support for specifying both a day-of-week "
                        + "AND a day-of-month parameter is not implemented; " + cronHint,
                "cron.yml:4:43: unknown time zone 'Europe/Warsw'; did you mean 'Europe/Warsaw'?");
        assertThat(errors("cron-fields.yml")).containsExactly("cron-fields.yml:4:19: cron 'every tuesday' is not a Quartz cron "
                + "expression: Illegal characters for this position: 'EVE'; " + cronHint);
        assertThat(errors("weekly.yml")).containsExactly("weekly.yml:4:11: schedule 'weekly' is neither manual nor { cron: ..., zone: ... }; "
                + "write schedule: manual, or schedule: { cron: \"0 0 10 ? * TUE\", zone: Europe/Warsaw }");
    }

    @Test
    void holdoutPriorityRateLimitAndDurations() {
        assertThat(errors("numbers.yml")).containsExactly(
                "numbers.yml:4:10: holdout: 60% is more than 50%; keep back 0% to 50% of the audience; the rest is who the campaign is for",
                "numbers.yml:5:11: priority: 'high' is not a whole number; write a number such as 5; higher goes first, default 0",
                "numbers.yml:6:13: rate-limit: '0/s' is not a positive number of messages per second; write a whole number from 1 to 100000 and /s, as in 20/s",
                "numbers.yml:7:21: attribution-window: '5 days' is not a duration; write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d");
        assertThat(errors("numbers-2.yml")).containsExactly(
                "numbers-2.yml:4:10: holdout: 'ten percent' is not a whole percentage; write the share kept back as 0% to 50%, as in 10%",
                "numbers-2.yml:5:13: rate-limit: 'fast' is not a positive number of messages per second; write a whole number from 1 to 100000 and /s, as in 20/s",
                "numbers-2.yml:6:21: attribution-window is zero; give it a length, as in 5d");
    }

    @Test
    void aDiscountIsAPercentOrAnAmountWithACurrency() {
        assertThat(errors("discount-both.yml")).containsExactly(
                "discount-both.yml:4:11: a discount is a percent or an amount off, not both; write { percent: 15 } or { amount: 10, currency: EUR }",
                "discount-both.yml:4:65: expires-in: '2 months' is not a duration; write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d");
        assertThat(errors("discount-neither.yml")).containsExactly(
                "discount-neither.yml:4:11: the discount has neither percent nor amount; write { percent: 15 } or { amount: 10, currency: EUR }");
        assertThat(errors("discount-amount.yml")).containsExactly(
                "discount-amount.yml:4:21: an amount off needs a currency; add currency: EUR (an ISO 4217 code)",
                "discount-amount.yml:4:31: code: '10 OFF' is not a discount code; use up to 32 letters, digits, dashes and underscores, as in SPRING15; leave it out for a unique code per message");
        assertThat(errors("discount-percent.yml")).containsExactly(
                "discount-percent.yml:5:12: percent: 150 is outside 1 to 100; write the percentage off, as in 15",
                "discount-percent.yml:6:13: currency goes with an amount off; remove it, or write amount: instead of percent:");
    }

    // the folder

    @Test
    void aFolderReportsEveryMistakeOfEveryFileAtOnceAndDuplicateIdsAcrossFiles() {
        CampaignCatalog.Catalog duplicates = CampaignCatalog.readFolder(RESOURCES.resolve("duplicates"), reader);
        String a = RESOURCES.resolve("duplicates/a.yml").toString();
        assertThat(duplicates.errors()).extracting(DefinitionError::toString).containsExactly(
                RESOURCES.resolve("duplicates/b.yml") + ":2:5: campaign 'same' is defined twice; the other one is in " + a,
                RESOURCES.resolve("duplicates/same.yaml") + ":1:1: campaign 'same' is defined twice; the other one is in " + a,
                RESOURCES.resolve("duplicates/same.yaml") + ":3:11: template 'thank-you' has no sms part; it has email; "
                        + "add templates/thank-you/sms.txt or pick another template");
        assertThat(duplicates.campaigns().keySet()).containsExactly("same");
        assertThat(duplicates.campaigns().get("same").file()).isEqualTo(a);

        CampaignCatalog.Catalog invalid = CampaignCatalog.readFolder(RESOURCES.resolve("invalid"), reader);
        assertThat(invalid.campaigns()).isEmpty();
        assertThat(invalid.errors()).hasSize(45);
        assertThat(invalid.errors()).extracting(DefinitionError::file).isSorted();
    }

    @Test
    void aMissingFolderHasNoCampaigns() {
        CampaignCatalog.Catalog none = CampaignCatalog.readFolder(dir.resolve("nothing-here"), reader);
        assertThat(none.campaigns()).isEmpty();
        assertThat(none.errors()).isEmpty();
    }
}
