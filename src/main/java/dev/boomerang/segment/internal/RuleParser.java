package dev.boomerang.segment.internal;

import dev.boomerang.customer.CartStatus;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.segment.RfmGroup;
import dev.boomerang.segment.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rule from its YAML node (docs/segments.md is the grammar), reporting every mistake with its line and
 * column and going on, so one run lists them all. A rule is one condition, a mapping with a single key; the
 * value's shape depends on the condition. Also collects the {@code segment:} references with their place, for
 * the catalog to resolve.
 */
final class RuleParser {

    /** A {@code segment: id} reference and the node it was written at. */
    record Reference(String id, Node at) {
    }

    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,4})?)\\s*%");
    private static final Pattern LOCALE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private final YamlNodes yaml;
    private final RuleValues values;
    private final Map<String, Function<Node, Rule>> conditions = new LinkedHashMap<>();
    private final List<Reference> references = new ArrayList<>();

    RuleParser(YamlNodes yaml) {
        this.yaml = yaml;
        this.values = new RuleValues(yaml);
        conditions.put("all", n -> list(n, "all", Rule.All::new));
        conditions.put("any", n -> list(n, "any", Rule.Any::new));
        conditions.put("not", n -> {
            Rule rule = parse(n);
            return rule == null ? null : new Rule.Not(rule);
        });
        conditions.put("segment", this::segment);
        conditions.put("last-order", this::lastOrder);
        conditions.put("first-order", this::firstOrder);
        conditions.put("never-ordered", this::neverOrdered);
        conditions.put("orders", this::orders);
        conditions.put("spent", n -> money(n, "spent", Rule.Spent::new));
        conditions.put("average-order", n -> money(n, "average-order", Rule.AverageOrder::new));
        conditions.put("cart", this::cart);
        conditions.put("bought", this::bought);
        conditions.put("rfm", this::rfm);
        conditions.put("rfm-group", this::rfmGroup);
        conditions.put("p-alive", this::pAlive);
        conditions.put("predicted-orders", this::predictedOrders);
        conditions.put("predicted-clv", this::predictedClv);
        conditions.put("clv-rank", this::clvRank);
        EngagementRules engagement = new EngagementRules(yaml);
        conditions.put("engaged", engagement::engaged);
        conditions.put("not-engaged", engagement::notEngaged);
        conditions.put("received", engagement::received);
        conditions.put("consent", this::consent);
        conditions.put("attribute", this::attribute);
        conditions.put("birthday", this::birthday);
        conditions.put("locale", this::locale);
        conditions.put("time-zone", this::timeZone);
    }

    List<Reference> references() {
        return references;
    }

    /** The rule at {@code node}, or null when it has mistakes (all of them reported). */
    Rule parse(Node node) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            boolean several = node instanceof MappingNode m && m.getValue().size() > 1;
            yaml.error(node, several ? "a rule is one condition, and this mapping has " + ((MappingNode) node).getValue().size()
                    : "a rule must be a condition such as 'orders: { at-least: 2 }', not " + YamlNodes.describe(node),
                    several ? "put them under 'all:' (every one must hold) or 'any:' (one is enough)"
                            : "known conditions: " + String.join(", ", conditions.keySet()));
            return null;
        }
        Map<String, Node> entry = yaml.mapping(node, "the rule", conditions.keySet());
        if (entry == null || entry.isEmpty()) {
            return null;
        }
        var only = entry.entrySet().iterator().next();
        return conditions.get(only.getKey()).apply(only.getValue());
    }

    private Rule list(Node node, String name, Function<List<Rule>, Rule> make) {
        if (!(node instanceof SequenceNode sequence)) {
            yaml.error(node, name + " takes a list of conditions, not " + YamlNodes.describe(node),
                    "write each condition on its own line starting with '- '");
            return null;
        }
        if (sequence.getValue().isEmpty()) {
            yaml.error(node, "'" + name + "' has no conditions", "give it at least one, or remove it");
            return null;
        }
        List<Rule> rules = new ArrayList<>();
        boolean ok = true;
        for (Node item : sequence.getValue()) {
            Rule rule = parse(item);
            ok &= rule != null;
            rules.add(rule);
        }
        return ok ? make.apply(rules) : null;
    }

    private Rule segment(Node node) {
        String id = yaml.scalar(node, "segment", "the id of another segment");
        if (id == null) {
            return null;
        }
        references.add(new Reference(id, node));
        return new Rule.SegmentRef(id);
    }

    private Rule lastOrder(Node node) {
        Map<String, Node> f = yaml.mapping(node, "last-order", List.of("more-than", "less-than"));
        if (f == null || !atLeastOne(node, "last-order", f, "more-than", "less-than")) {
            return null;
        }
        Duration moreThan = optional(f, "more-than", values::duration);
        Duration lessThan = optional(f, "less-than", values::duration);
        if (moreThan != null && lessThan != null && moreThan.compareTo(lessThan) >= 0) {
            yaml.error(node, "last-order: more-than " + text(f.get("more-than")) + " is not less than less-than "
                    + text(f.get("less-than")) + ", so no customer can match", "swap the two");
            return null;
        }
        return failed(f, "more-than", moreThan) || failed(f, "less-than", lessThan) ? null : new Rule.LastOrder(moreThan, lessThan);
    }

    private Rule firstOrder(Node node) {
        Map<String, Node> f = yaml.mapping(node, "first-order", List.of("within"));
        if (f == null || !atLeastOne(node, "first-order", f, "within")) {
            return null;
        }
        Duration within = values.duration(f.get("within"));
        return within == null ? null : new Rule.FirstOrder(within);
    }

    private Rule neverOrdered(Node node) {
        Boolean value = values.bool(node, "never-ordered");
        if (value == null) {
            return null;
        }
        return value ? new Rule.NeverOrdered() : new Rule.Not(new Rule.NeverOrdered());
    }

    private Rule orders(Node node) {
        Map<String, Node> f = yaml.mapping(node, "orders", List.of("at-least", "at-most", "within"));
        if (f == null || !atLeastOne(node, "orders", f, "at-least", "at-most")) {
            return null;
        }
        Long atLeast = optional(f, "at-least", n -> values.count(n, "at-least"));
        Long atMost = optional(f, "at-most", n -> values.count(n, "at-most"));
        Duration within = optional(f, "within", values::duration);
        if (failed(f, "at-least", atLeast) || failed(f, "at-most", atMost) || failed(f, "within", within)
                || !ordered(node, "orders", atLeast == null ? null : BigDecimal.valueOf(atLeast),
                        atMost == null ? null : BigDecimal.valueOf(atMost))) {
            return null;
        }
        return new Rule.Orders(atLeast, atMost, within);
    }

    @FunctionalInterface
    private interface MoneyRule {
        Rule make(BigDecimal atLeast, BigDecimal atMost, Duration within);
    }

    private Rule money(Node node, String name, MoneyRule make) {
        Map<String, Node> f = yaml.mapping(node, name, List.of("at-least", "at-most", "within"));
        if (f == null || !atLeastOne(node, name, f, "at-least", "at-most")) {
            return null;
        }
        BigDecimal atLeast = optional(f, "at-least", n -> values.amount(n, "at-least"));
        BigDecimal atMost = optional(f, "at-most", n -> values.amount(n, "at-most"));
        Duration within = optional(f, "within", values::duration);
        if (failed(f, "at-least", atLeast) || failed(f, "at-most", atMost) || failed(f, "within", within)
                || !ordered(node, name, atLeast, atMost)) {
            return null;
        }
        return make.make(atLeast, atMost, within);
    }

    private Rule cart(Node node) {
        Map<String, Node> f = yaml.mapping(node, "cart", List.of("status", "idle-for", "value", "contains"));
        if (f == null) {
            return null;
        }
        Set<CartStatus> statuses = EnumSet.of(CartStatus.OPEN, CartStatus.ABANDONED);
        boolean ok = true;
        if (f.containsKey("status")) {
            List<String> names = Arrays.stream(CartStatus.values()).map(CartStatus::key).toList();
            List<String> given = yaml.oneOrMany(f.get("status"), "cart status", "a status (" + String.join(", ", names) + ")");
            ok = given != null;
            if (given != null) {
                statuses = EnumSet.noneOf(CartStatus.class);
                for (String status : given) {
                    if (names.contains(status)) {
                        statuses.add(CartStatus.fromKey(status));
                    }
                    else {
                        yaml.error(f.get("status"), "unknown cart status '" + status + "'", Suggestions.hint(status, names));
                        ok = false;
                    }
                }
            }
        }
        Duration idleFor = optional(f, "idle-for", values::duration);
        BigDecimal atLeast = null;
        BigDecimal atMost = null;
        if (f.containsKey("value")) {
            Map<String, Node> v = yaml.mapping(f.get("value"), "cart value", List.of("at-least", "at-most"));
            if (v == null || !atLeastOne(f.get("value"), "cart value", v, "at-least", "at-most")) {
                ok = false;
            }
            else {
                atLeast = optional(v, "at-least", n -> values.amount(n, "at-least"));
                atMost = optional(v, "at-most", n -> values.amount(n, "at-most"));
                ok &= !failed(v, "at-least", atLeast) && !failed(v, "at-most", atMost) && ordered(f.get("value"), "cart value", atLeast, atMost);
            }
        }
        Rule.Product contains = optional(f, "contains", n -> product(n, "cart contains", List.of("category", "sku")));
        if (!ok || failed(f, "idle-for", idleFor) || failed(f, "contains", contains)) {
            return null;
        }
        return new Rule.Cart(statuses, idleFor, atLeast, atMost, contains);
    }

    private Rule bought(Node node) {
        Map<String, Node> f = yaml.mapping(node, "bought", List.of("category", "sku", "within"));
        if (f == null) {
            return null;
        }
        Rule.Product product = productOf(node, "bought", f);
        Duration within = optional(f, "within", values::duration);
        return product == null || failed(f, "within", within) ? null : new Rule.Bought(product, within);
    }

    private Rule.Product product(Node node, String what, List<String> keys) {
        Map<String, Node> f = yaml.mapping(node, what, keys);
        return f == null ? null : productOf(node, what, f);
    }

    private Rule.Product productOf(Node node, String what, Map<String, Node> f) {
        if (f.containsKey("category") == f.containsKey("sku")) {
            yaml.error(node, what + " needs exactly one of category and sku", "write category: NAME or sku: CODE");
            return null;
        }
        boolean byCategory = f.containsKey("category");
        String value = yaml.scalar(f.get(byCategory ? "category" : "sku"), byCategory ? "category" : "sku",
                byCategory ? "a category name" : "a SKU");
        return value == null ? null : byCategory ? new Rule.Product(value, null) : new Rule.Product(null, value);
    }

    private Rule rfm(Node node) {
        Map<String, Node> f = yaml.mapping(node, "rfm", List.of("r", "f", "m"));
        if (f == null || !atLeastOne(node, "rfm", f, "r", "f", "m")) {
            return null;
        }
        Set<Integer> r = optional(f, "r", n -> scores(n, "r"));
        Set<Integer> fr = optional(f, "f", n -> scores(n, "f"));
        Set<Integer> m = optional(f, "m", n -> scores(n, "m"));
        return failed(f, "r", r) || failed(f, "f", fr) || failed(f, "m", m) ? null : new Rule.Rfm(r, fr, m);
    }

    private Set<Integer> scores(Node node, String what) {
        List<String> values = yaml.oneOrMany(node, "rfm " + what, "a score from 1 to 5");
        if (values == null) {
            return null;
        }
        Set<Integer> scores = new TreeSet<>();
        for (String value : values) {
            if (!value.matches("[1-5]")) {
                yaml.error(node, "rfm " + what + ": '" + value + "' is not a score", "scores are whole numbers from 1 (worst) to 5 (best)");
                return null;
            }
            scores.add(Integer.parseInt(value));
        }
        return scores;
    }

    private Rule rfmGroup(Node node) {
        List<String> names = Arrays.stream(RfmGroup.values()).map(RfmGroup::key).toList();
        String name = yaml.scalar(node, "rfm-group", "a group name (" + String.join(", ", names) + ")");
        if (name == null) {
            return null;
        }
        RfmGroup group = RfmGroup.fromKey(name);
        if (group == null) {
            yaml.error(node, "unknown rfm-group '" + name + "'", Suggestions.hint(name, names));
            return null;
        }
        return new Rule.RfmGroupIs(group);
    }

    private Rule pAlive(Node node) {
        Map<String, Node> f = yaml.mapping(node, "p-alive", List.of("at-least", "below"));
        if (f == null || !atLeastOne(node, "p-alive", f, "at-least", "below")) {
            return null;
        }
        BigDecimal atLeast = optional(f, "at-least", n -> values.probability(n, "p-alive at-least"));
        BigDecimal below = optional(f, "below", n -> values.probability(n, "p-alive below"));
        if (failed(f, "at-least", atLeast) || failed(f, "below", below)) {
            return null;
        }
        if (atLeast != null && below != null && atLeast.compareTo(below) >= 0) {
            yaml.error(node, "p-alive: at-least " + atLeast.toPlainString() + " is not less than below " + below.toPlainString()
                    + ", so no customer can match", "swap the two");
            return null;
        }
        return new Rule.PAlive(atLeast, below);
    }

    private Rule predictedOrders(Node node) {
        Map<String, Node> f = yaml.mapping(node, "predicted-orders", List.of("at-least", "at-most", "horizon"));
        if (f == null || !atLeastOne(node, "predicted-orders", f, "at-least", "at-most")) {
            return null;
        }
        BigDecimal atLeast = optional(f, "at-least", n -> values.expectedOrders(n, "at-least"));
        BigDecimal atMost = optional(f, "at-most", n -> values.expectedOrders(n, "at-most"));
        Integer horizon = null;
        if (!f.containsKey("horizon")) {
            yaml.error(node, "predicted-orders needs 'horizon', the days the orders are expected over",
                    "write horizon: 90d, one of the horizons the model fit computes (boomerang.insight.model.horizons-days)");
        }
        else {
            Duration d = values.duration(f.get("horizon"));
            if (d != null && (d.toHours() % 24 != 0 || d.isZero() || d.toDays() > 3660)) {
                yaml.error(f.get("horizon"), "predicted-orders horizon counts whole days, from 1d to 3660d", "write it in d or w, as in 90d");
            }
            else if (d != null) {
                horizon = (int) d.toDays();
            }
        }
        if (failed(f, "at-least", atLeast) || failed(f, "at-most", atMost) || horizon == null
                || !ordered(node, "predicted-orders", atLeast, atMost)) {
            return null;
        }
        return new Rule.PredictedOrders(atLeast, atMost, horizon);
    }

    private Rule predictedClv(Node node) {
        Map<String, Node> f = yaml.mapping(node, "predicted-clv", List.of("at-least", "at-most"));
        if (f == null || !atLeastOne(node, "predicted-clv", f, "at-least", "at-most")) {
            return null;
        }
        BigDecimal atLeast = optional(f, "at-least", n -> values.amount(n, "at-least"));
        BigDecimal atMost = optional(f, "at-most", n -> values.amount(n, "at-most"));
        if (failed(f, "at-least", atLeast) || failed(f, "at-most", atMost) || !ordered(node, "predicted-clv", atLeast, atMost)) {
            return null;
        }
        return new Rule.PredictedClv(atLeast, atMost);
    }

    private Rule clvRank(Node node) {
        Map<String, Node> f = yaml.mapping(node, "clv-rank", List.of("top"));
        if (f == null || !atLeastOne(node, "clv-rank", f, "top")) {
            return null;
        }
        String text = yaml.scalar(f.get("top"), "clv-rank top", "a share of customers such as 10%");
        if (text == null) {
            return null;
        }
        Matcher m = PERCENT.matcher(text.trim());
        BigDecimal percent = m.matches() ? new BigDecimal(m.group(1)) : null;
        if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            yaml.error(f.get("top"), "clv-rank top: '" + text + "' is not a percentage from 0 to 100",
                    "write the share of customers with a percent sign, as in 10% or 2.5%");
            return null;
        }
        return new Rule.ClvTop(percent);
    }

    private Rule consent(Node node) {
        List<String> names = Arrays.stream(ContactChannel.values()).map(ContactChannel::key).toList();
        String name = yaml.scalar(node, "consent", "a channel (" + String.join(" or ", names) + ")");
        if (name == null) {
            return null;
        }
        if (!names.contains(name)) {
            yaml.error(node, "unknown channel '" + name + "' for consent", Suggestions.hint(name, names));
            return null;
        }
        return new Rule.Consent(ContactChannel.valueOf(name.toUpperCase(Locale.ROOT)));
    }

    private Rule attribute(Node node) {
        Map<String, Node> f = yaml.mapping(node, "attribute", List.of("name", "in", "equals", "exists"));
        if (f == null) {
            return null;
        }
        if (!f.containsKey("name")) {
            yaml.error(node, "attribute needs a name", "write name: country");
            return null;
        }
        String name = yaml.scalar(f.get("name"), "attribute name", "the attribute's name");
        long tests = f.keySet().stream().filter(k -> !k.equals("name")).count();
        if (tests != 1) {
            yaml.error(node, "attribute needs exactly one of in, equals and exists", "write in: [PL, DE], equals: PL or exists: true");
            return null;
        }
        if (name == null) {
            return null;
        }
        if (f.containsKey("exists")) {
            Boolean exists = values.bool(f.get("exists"), "exists");
            return exists == null ? null : new Rule.Attribute(name, null, exists);
        }
        List<String> values = f.containsKey("in") ? yaml.oneOrMany(f.get("in"), "attribute in", "a value")
                : oneValue(yaml.scalar(f.get("equals"), "attribute equals", "a value"));
        return values == null ? null : new Rule.Attribute(name, values, true);
    }

    private static List<String> oneValue(String value) {
        return value == null ? null : List.of(value);
    }

    private Rule birthday(Node node) {
        Map<String, Node> f = yaml.mapping(node, "birthday", List.of("in-next"));
        if (f == null || !atLeastOne(node, "birthday", f, "in-next")) {
            return null;
        }
        Duration inNext = values.duration(f.get("in-next"));
        if (inNext == null) {
            return null;
        }
        if (inNext.toHours() % 24 != 0 || inNext.isZero() || inNext.toDays() > 366) {
            yaml.error(f.get("in-next"), "birthday in-next counts whole days, from 1d to 366d", "write it in d or w, as in 7d");
            return null;
        }
        return new Rule.Birthday((int) inNext.toDays());
    }

    private Rule locale(Node node) {
        List<String> tags = yaml.oneOrMany(node, "locale", "a language tag such as pl or pl-PL");
        if (tags == null) {
            return null;
        }
        for (String tag : tags) {
            if (!LOCALE_TAG.matcher(tag).matches()) {
                yaml.error(node, "'" + tag + "' is not a language tag", "write a BCP 47 tag such as pl, de-DE or en-US");
                return null;
            }
        }
        return new Rule.LocaleIs(tags);
    }

    private Rule timeZone(Node node) {
        List<String> zones = yaml.oneOrMany(node, "time-zone", "an IANA time zone such as Europe/Warsaw");
        if (zones == null) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (String zone : zones) {
            try {
                ids.add(ZoneId.of(zone).getId());
            }
            catch (RuntimeException ex) {
                yaml.error(node, "unknown time zone '" + zone + "'", Suggestions.hint(zone, ZoneId.getAvailableZoneIds()));
                return null;
            }
        }
        return new Rule.TimeZoneIs(ids);
    }

    // helpers

    private boolean atLeastOne(Node at, String what, Map<String, Node> fields, String... keys) {
        for (String key : keys) {
            if (fields.containsKey(key)) {
                return true;
            }
        }
        yaml.error(at, what + " needs " + (keys.length == 1 ? "'" + keys[0] + "'" : "at least one of " + String.join(", ", keys)),
                "see docs/segments.md for its form");
        return false;
    }

    private boolean ordered(Node at, String what, BigDecimal atLeast, BigDecimal atMost) {
        if (atLeast != null && atMost != null && atLeast.compareTo(atMost) > 0) {
            yaml.error(at, what + ": at-least " + atLeast.toPlainString() + " is more than at-most " + atMost.toPlainString()
                    + ", so no customer can match", "swap the two");
            return false;
        }
        return true;
    }

    private static <T> T optional(Map<String, Node> fields, String key, Function<Node, T> read) {
        Node node = fields.get(key);
        return node == null ? null : read.apply(node);
    }

    /** True when the field was given but could not be read (its error is reported already). */
    private static boolean failed(Map<String, Node> fields, String key, Object value) {
        return fields.containsKey(key) && value == null;
    }

    private static String text(Node node) {
        return YamlNodes.describe(node).replace("'", "");
    }
}
