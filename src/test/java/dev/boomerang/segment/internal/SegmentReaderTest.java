package dev.boomerang.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.customer.CartStatus;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.RfmGroup;
import dev.boomerang.segment.Rule;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.definition.YamlNodes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading definitions: every condition's YAML becomes its record, and every kind of mistake is reported, all at
 * once, with file, line, column and a hint.
 */
class SegmentReaderTest {

    @TempDir
    Path dir;

    static Rule rule(String yaml) {
        return SegmentReader.readQuery(yaml, "request", List.of("known-one")).rule();
    }

    static List<DefinitionError> errors(String yaml) {
        try {
            SegmentReader.readQuery(yaml, "request", List.of("lapsed-regulars", "big-spenders"));
        }
        catch (InvalidSegmentException ex) {
            return ex.errors();
        }
        throw new AssertionError("no errors for " + yaml);
    }

    @Test
    void everyConditionReadsIntoItsRecord() {
        assertThat(rule("""
                rule:
                  all:
                    - last-order: { more-than: 60d, less-than: 26w }
                    - first-order: { within: 30d }
                    - never-ordered: false
                    - orders: { at-least: 2, at-most: 10, within: 365d }
                    - spent: { at-least: 100.50, within: 12h }
                    - average-order: { at-most: 40 }
                    - cart: { status: abandoned, idle-for: 90m, value: { at-least: 20 }, contains: { category: coffee } }
                    - bought: { sku: COF-ETH }
                    - rfm: { r: [4, 5], m: 1 }
                    - rfm-group: cant-lose
                    - consent: sms
                    - attribute: { name: country, in: [PL, DE] }
                    - attribute: { name: tier, equals: gold }
                    - attribute: { name: vip, exists: false }
                    - birthday: { in-next: 1w }
                    - locale: [pl, de-DE]
                    - time-zone: Europe/Warsaw
                    - any: [ { segment: known-one }, { not: { consent: email } } ]
                """)).isEqualTo(new Rule.All(List.of(
                new Rule.LastOrder(Duration.ofDays(60), Duration.ofDays(182)),
                new Rule.FirstOrder(Duration.ofDays(30)),
                new Rule.Not(new Rule.NeverOrdered()),
                new Rule.Orders(2L, 10L, Duration.ofDays(365)),
                new Rule.Spent(new BigDecimal("100.50"), null, Duration.ofHours(12)),
                new Rule.AverageOrder(null, new BigDecimal("40"), null),
                new Rule.Cart(Set.of(CartStatus.ABANDONED), Duration.ofMinutes(90), new BigDecimal("20"), null,
                        new Rule.Product("coffee", null)),
                new Rule.Bought(new Rule.Product(null, "COF-ETH"), null),
                new Rule.Rfm(Set.of(4, 5), null, Set.of(1)),
                new Rule.RfmGroupIs(RfmGroup.CANT_LOSE),
                new Rule.Consent(ContactChannel.SMS),
                new Rule.Attribute("country", List.of("PL", "DE"), true),
                new Rule.Attribute("tier", List.of("gold"), true),
                new Rule.Attribute("vip", null, false),
                new Rule.Birthday(7),
                new Rule.LocaleIs(List.of("pl", "de-DE")),
                new Rule.TimeZoneIs(List.of("Europe/Warsaw")),
                new Rule.Any(List.of(new Rule.SegmentRef("known-one"), new Rule.Not(new Rule.Consent(ContactChannel.EMAIL))))
        )));
    }

    @Test
    void predictionConditionsReadIntoTheirRecords() {
        assertThat(rule("""
                rule:
                  all:
                    - p-alive: { below: 0.3 }
                    - p-alive: { at-least: 0.05, below: 1 }
                    - predicted-orders: { at-least: 1, horizon: 90d }
                    - predicted-orders: { at-most: 0.5, horizon: 13w }
                    - predicted-clv: { at-least: 200, at-most: 1000.50 }
                    - clv-rank: { top: 10% }
                    - clv-rank: { top: 2.5 % }
                """)).isEqualTo(new Rule.All(List.of(
                new Rule.PAlive(null, new BigDecimal("0.3")),
                new Rule.PAlive(new BigDecimal("0.05"), new BigDecimal("1")),
                new Rule.PredictedOrders(new BigDecimal("1"), null, 90),
                new Rule.PredictedOrders(null, new BigDecimal("0.5"), 91),
                new Rule.PredictedClv(new BigDecimal("200"), new BigDecimal("1000.50")),
                new Rule.ClvTop(new BigDecimal("10")),
                new Rule.ClvTop(new BigDecimal("2.5")))));
    }

    @Test
    void engagementConditionsReadIntoTheirRules() {
        assertThat(rule("rule: { engaged: { clicked: { within: 30d } } }"))
            .isEqualTo(new Rule.Engaged(Rule.Action.CLICKED, Duration.ofDays(30)));
        assertThat(rule("rule: { not-engaged: { within: 90d } }"))
            .isEqualTo(new Rule.Not(new Rule.Engaged(Rule.Action.OPENED_OR_CLICKED, Duration.ofDays(90))));
        assertThat(rule("rule: { received: { campaign: winback-monthly, channel: sms, within: 7d } }"))
            .isEqualTo(new Rule.Received("winback-monthly", ContactChannel.SMS, Duration.ofDays(7)));
        assertThat(rule("rule: { received: {} }")).isEqualTo(new Rule.Received(null, null, null));
    }

    @Test
    void engagementConditionMistakesAreReportedWithTheirPlaceAndAHint() {
        assertThat(errors("rule:\n  engaged: { opend: { within: 30d } }").getFirst())
            .hasToString("request:2:14: unknown key 'opend' in engaged; did you mean 'opened'?");
        assertThat(errors("rule:\n  engaged: { opened: { within: 30d }, clicked: { within: 30d } }").getFirst().message())
            .isEqualTo("engaged needs exactly one of opened, clicked, opened-or-clicked");
        assertThat(errors("rule:\n  not-engaged: {}").getFirst().message()).isEqualTo("not-engaged needs 'within'");
        assertThat(errors("rule:\n  received: { campaign: Win Back }").getFirst().message())
            .isEqualTo("received: 'Win Back' is not a campaign id");
        assertThat(errors("rule:\n  received: { channel: fax }").getFirst().message())
            .isEqualTo("unknown channel 'fax' for received");
    }

    @Test
    void predictionConditionMistakesAreReportedWithTheirPlaceAndAHint() {
        assertThat(errors("rule:\n  p-alve: { below: 0.3 }")).singleElement()
            .hasToString("request:2:3: unknown key 'p-alve' in the rule; did you mean 'p-alive'?");
        assertThat(errors("rule:\n  predicted-clv: { at-lest: 200 }").getFirst())
            .hasToString("request:2:20: unknown key 'at-lest' in predicted-clv; did you mean 'at-least'?");
        assertThat(errors("rule:\n  p-alive: { belw: 0.3 }").getFirst())
            .hasToString("request:2:14: unknown key 'belw' in p-alive; did you mean 'below'?");
        assertThat(errors("rule:\n  clv-rank: { tp: 10% }").getFirst())
            .hasToString("request:2:15: unknown key 'tp' in clv-rank; did you mean 'top'?");
        assertThat(errors("rule:\n  predicted-orders: { at-least: 1, horizn: 90d }").getFirst())
            .hasToString("request:2:36: unknown key 'horizn' in predicted-orders; did you mean 'horizon'?");
        assertThat(errors("""
                rule:
                  all:
                    - p-alive: { below: 30% }
                    - p-alive: { at-least: 1.5 }
                    - p-alive: { at-least: 0.5, below: 0.3 }
                    - p-alive: { above: 0.3 }
                    - predicted-orders: { at-least: 1 }
                    - predicted-orders: { at-least: 1, horizon: 36h }
                    - predicted-orders: { at-least: one, horizon: 90d }
                    - predicted-orders: { at-least: 3, at-most: 1, horizon: 30d }
                    - predicted-clv: { at-least: 200 USD }
                    - predicted-clv: { at-least: 500, at-most: 200 }
                    - clv-rank: { top: 10 }
                    - clv-rank: { top: 0% }
                    - clv-rank: { top: 150% }
                    - clv-rank: 10%
                """)).extracting(Object::toString).containsExactly(
                "request:3:25: p-alive below: '30%' is not a probability; write a number from 0 to 1, as in 0.3",
                "request:4:28: p-alive at-least: '1.5' is not a probability; write a number from 0 to 1, as in 0.3",
                "request:5:16: p-alive: at-least 0.5 is not less than below 0.3, so no customer can match; swap the two",
                "request:6:18: unknown key 'above' in p-alive; known: at-least, below",
                "request:6:16: p-alive needs at least one of at-least, below; see docs/segments.md for its form",
                "request:7:25: predicted-orders needs 'horizon', the days the orders are expected over; write horizon: 90d, "
                        + "one of the horizons the model fit computes (boomerang.insight.model.horizons-days)",
                "request:8:49: predicted-orders horizon counts whole days, from 1d to 3660d; write it in d or w, as in 90d",
                "request:9:37: at-least: 'one' is not a number of expected orders; write a non-negative number, fractions allowed, as in 1 or 0.5",
                "request:10:25: predicted-orders: at-least 3 is more than at-most 1, so no customer can match; swap the two",
                "request:11:34: at-least: '200 USD' is not an amount; write a non-negative number with at most 4 decimals and no currency, as in 100 or 19.90",
                "request:12:22: predicted-clv: at-least 500 is more than at-most 200, so no customer can match; swap the two",
                "request:13:24: clv-rank top: '10' is not a percentage from 0 to 100; write the share of customers with a percent sign, as in 10% or 2.5%",
                "request:14:24: clv-rank top: '0%' is not a percentage from 0 to 100; write the share of customers with a percent sign, as in 10% or 2.5%",
                "request:15:24: clv-rank top: '150%' is not a percentage from 0 to 100; write the share of customers with a percent sign, as in 10% or 2.5%",
                "request:16:17: clv-rank needs a mapping of top, not '10%'; write it as { key: value } or as indented key: value lines");
    }

    @Test
    void aCartWithoutStatusMeansALiveCart() {
        assertThat(rule("rule: { cart: {} }")).isEqualTo(new Rule.Cart(Set.of(CartStatus.OPEN, CartStatus.ABANDONED), null, null, null, null));
    }

    @Test
    void theAsOfOfAQueryAcceptsDatesAndInstants() {
        assertThat(SegmentReader.readQuery("rule: { never-ordered: true }\nasOf: 1998-07-01", "r", List.of()).asOf())
            .isEqualTo(Instant.parse("1998-07-01T00:00:00Z"));
        assertThat(SegmentReader.readQuery("rule: { never-ordered: true }\nasOf: 2026-03-01T10:00:00+01:00", "r", List.of()).asOf())
            .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(errors("rule: { never-ordered: true }\nasOf: yesterday")).singleElement()
            .hasToString("request:2:7: asOf: 'yesterday' is not an instant; write an ISO date-time with offset (2026-03-01T09:00:00+01:00, 2026-03-01T08:00:00Z), without offset (UTC), or a date (2026-03-01, midnight UTC)");
    }

    @Test
    void anUnknownConditionIsReportedWithTheClosestName() {
        assertThat(errors("rule:\n  lst-order: { more-than: 60d }")).singleElement()
            .hasToString("request:2:3: unknown key 'lst-order' in the rule; did you mean 'last-order'?");
        assertThat(errors("rule: { frobnicate: 1 }").getFirst().hint()).startsWith("known: all, any, not, segment, last-order");
    }

    @Test
    void anUnknownKeyIsReportedWithTheClosestKey() {
        assertThat(errors("rule:\n  orders: { at-leest: 2 }")).extracting(Object::toString).containsExactly(
                "request:2:13: unknown key 'at-leest' in orders; did you mean 'at-least'?",
                "request:2:11: orders needs at least one of at-least, at-most; see docs/segments.md for its form");
        assertThat(errors("rule:\n  cart: { idle: 1h }").getFirst()).hasToString(
                "request:2:11: unknown key 'idle' in cart; did you mean 'idle-for'?");
        assertThat(errors("rule:\n  cart: { since: 1h }").getFirst()).hasToString(
                "request:2:11: unknown key 'since' in cart; known: status, idle-for, value, contains");
        assertThat(errors("rulez: { never-ordered: true }").getFirst()).hasToString(
                "request:1:1: unknown key 'rulez' in the request; did you mean 'rule'?");
    }

    @Test
    void wrongTypesAreReportedWithTheExpectedForm() {
        assertThat(errors("""
                rule:
                  all:
                    - orders: { at-least: two }
                    - spent: { at-least: 12.5 EUR }
                    - never-ordered: maybe
                    - rfm: { r: [6] }
                    - consent: fax
                    - rfm-group: champion
                    - all: { orders: { at-least: 1 } }
                    - cart: { status: abandonned }
                    - time-zone: Europe/Warsw
                    - locale: "pl_PL!"
                    - birthday: { in-next: 36h }
                    - attribute: { name: country, in: [PL], exists: true }
                    - orders: { at-least: 5, at-most: 2 }
                    - last-order: { more-than: 90d, less-than: 30d }
                    - segment: [a, b]
                """)).extracting(Object::toString).containsExactly(
                "request:3:27: at-least: 'two' is not a whole number of orders; write a number such as 2",
                "request:4:26: at-least: '12.5 EUR' is not an amount; write a non-negative number with at most 4 decimals and no currency, as in 100 or 19.90",
                "request:5:22: never-ordered: 'maybe' is not true or false; write true or false",
                "request:6:17: rfm r: '6' is not a score; scores are whole numbers from 1 (worst) to 5 (best)",
                "request:7:16: unknown channel 'fax' for consent; known: email, sms",
                "request:8:18: unknown rfm-group 'champion'; did you mean 'champions'?",
                "request:9:12: all takes a list of conditions, not a mapping; write each condition on its own line starting with '- '",
                "request:10:23: unknown cart status 'abandonned'; did you mean 'abandoned'?",
                "request:11:18: unknown time zone 'Europe/Warsw'; did you mean 'Europe/Warsaw'?",
                "request:12:15: 'pl_PL!' is not a language tag; write a BCP 47 tag such as pl, de-DE or en-US",
                "request:13:28: birthday in-next counts whole days, from 1d to 366d; write it in d or w, as in 7d",
                "request:14:18: attribute needs exactly one of in, equals and exists; write in: [PL, DE], equals: PL or exists: true",
                "request:15:15: orders: at-least 5 is more than at-most 2, so no customer can match; swap the two",
                "request:16:19: last-order: more-than 90d is not less than less-than 30d, so no customer can match; swap the two",
                "request:17:16: segment needs the id of another segment, not a list");
    }

    @Test
    void badDurationsSayHowToWriteOne() {
        assertThat(errors("rule:\n  orders: { at-least: 1, within: 30 days }")).singleElement().hasToString(
                "request:2:34: '30 days' is not a duration; write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d");
        assertThat(errors("rule: { first-order: { within: 1y } }").getFirst().message()).isEqualTo("'1y' is not a duration");
        assertThat(errors("rule: { first-order: { within: 40000d } }").getFirst().message()).isEqualTo("'40000d' is longer than a century");
    }

    @Test
    void emptyCompositionsAndSeveralConditionsInOneMappingAreRefused() {
        assertThat(errors("rule:\n  all: []")).singleElement().hasToString("request:2:8: 'all' has no conditions; give it at least one, or remove it");
        assertThat(errors("rule:\n  any: []").getFirst().message()).isEqualTo("'any' has no conditions");
        assertThat(errors("rule:\n  orders: { at-least: 1 }\n  consent: email")).singleElement().hasToString(
                "request:2:3: a rule is one condition, and this mapping has 2; put them under 'all:' (every one must hold) or 'any:' (one is enough)");
        assertThat(errors("asOf: 2026-01-01")).singleElement().hasToString(
                "request:1:1: the request has no rule; send rule: with one condition, or all: / any: of several");
    }

    @Test
    void unknownSegmentReferencesAreReportedWithTheClosestId() {
        assertThat(errors("rule:\n  segment: lapsed-regular")).singleElement().hasToString(
                "request:2:12: unknown segment 'lapsed-regular'; did you mean 'lapsed-regulars'?");
    }

    @Test
    void yamlSyntaxErrorsCarryTheirPlace() {
        DefinitionError error = errors("rule:\n  all:\n    - orders: { at-least: 2\n    - consent: email\n").getFirst();
        assertThat(error.message()).startsWith("not valid YAML");
        assertThat(error.line()).isGreaterThanOrEqualTo(3);
        assertThat(errors("").getFirst()).hasToString("request: the document is empty; write a mapping with 'rule:'");
    }

    @Test
    void aFolderIsReadWholeAndEveryMistakeOfEveryFileIsListedInOrder() throws IOException {
        write("a.yml", """
                id: a
                description: refers to b
                rule:
                  segment: b
                """);
        write("b.yml", """
                id: b
                rule:
                  any:
                    - segment: c
                    - orders: { at-least: 1 }
                """);
        write("c.yml", """
                id: c
                rule:
                  not:
                    segment: a
                """);
        write("d.yml", """
                id: d
                descripton: typo
                rule:
                  all: []
                """);
        write("e.yml", """
                id: a
                rule: { never-ordered: true }
                """);
        write("f.yml", """
                id: Bad Id
                rule: { segment: nowhere }
                """);
        write("g.yml", """
                id: g
                rule: { segment: bb }
                """);
        write("notes.txt", "not a definition");
        SegmentReader.Catalog catalog = SegmentReader.readFolder(dir);
        String d = dir.toString();
        assertThat(catalog.errors()).extracting(Object::toString).containsExactly(
                d + "/c.yml:4:14: segment references form a loop: a -> b -> c -> a; a segment cannot contain itself; break the loop",
                d + "/d.yml:2:1: unknown key 'descripton' in a segment; did you mean 'description'?",
                d + "/d.yml:4:8: 'all' has no conditions; give it at least one, or remove it",
                d + "/e.yml:1:5: segment 'a' is defined twice; the other one is in " + d + "/a.yml",
                d + "/f.yml:1:5: id 'Bad Id' is not a segment name; use lower-case letters, digits and dashes, as in lapsed-regulars",
                d + "/g.yml:2:18: unknown segment 'bb'; did you mean 'b'?");
        assertThat(catalog.definitions().keySet()).containsExactly("a", "b", "c", "d", "g");
        assertThat(catalog.definitions().get("c").valid()).isFalse();
        assertThat(catalog.definitions().get("b").valid()).isTrue();
        assertThat(catalog.definitions().get("b").rule()).isInstanceOf(Rule.Any.class);
        assertThat(catalog.definitions().get("a").description()).isEqualTo("refers to b");
    }

    @Test
    void aFolderOfGoodDefinitionsHasNoErrorsAndTheShippedExamplesAreGood() throws IOException {
        write("one.yaml", "id: one\nrule: { orders: { at-least: 1 } }\n");
        assertThat(SegmentReader.readFolder(dir).errors()).isEmpty();
        assertThat(SegmentReader.readFolder(dir.resolve("missing")).definitions()).isEmpty();
        SegmentReader.Catalog shipped = SegmentReader.readFolder(Path.of("config", "segments"));
        assertThat(shipped.errors()).isEmpty();
        assertThat(shipped.definitions()).containsKeys("lapsed-regulars", "big-spenders-90d", "abandoned-carts-over-20",
                "new-customers", "vip-champions", "slipping-but-worth-saving");
    }

    @Test
    void inlineRulesOfOtherDocumentsAreReadFromTheirNode() {
        var root = new YamlNodes("campaign.yml", new java.util.ArrayList<>()).compose(new java.io.StringReader(
                "id: winback\nsegment:\n  all:\n    - segment: lapsed\n    - consent: email\n"), null);
        var node = ((org.yaml.snakeyaml.nodes.MappingNode) root).getValue().get(1).getValueNode();
        assertThatThrownBy(() -> SegmentReader.readRule(node, "campaign.yml", List.of("lapsed-regulars")))
            .isInstanceOfSatisfying(InvalidSegmentException.class, ex -> assertThat(ex.errors()).singleElement().hasToString(
                    "campaign.yml:4:16: unknown segment 'lapsed'; did you mean 'lapsed-regulars'?"));
        assertThat(SegmentReader.readRule(node, "campaign.yml", List.of("lapsed"))).isInstanceOf(Rule.All.class);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
