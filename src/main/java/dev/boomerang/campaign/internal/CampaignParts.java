package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.channel.Channel;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The values of a campaign file, each read or reported with its place: channel, variants, schedule, offer, numbers. */
final class CampaignParts {

    private static final Pattern VARIANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern PRIORITY = Pattern.compile("-?\\d{1,6}");
    private static final Pattern PERCENTAGE = Pattern.compile("(\\d{1,9})\\s*%?");
    private static final Pattern PERCENT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,10}(\\.\\d{1,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern RATE = Pattern.compile("(\\d{1,9})\\s*/\\s*s");
    static final int MAX_HOLDOUT = 50;
    static final int MAX_RATE = 100_000;

    private final YamlNodes yaml;

    CampaignParts(YamlNodes yaml) {
        this.yaml = yaml;
    }

    Channel channel(Node node) {
        String text = yaml.scalar(node, "channel", "email or sms");
        if (text == null) {
            return null;
        }
        for (Channel channel : Channel.values()) {
            if (channel.key().equals(text)) {
                return channel;
            }
        }
        String hint = Suggestions.closest(text, List.of("email", "sms"));
        yaml.error(node, "channel '" + text + "' is not email or sms", hint == null ? "write email or sms" : "did you mean '" + hint + "'?");
        return null;
    }

    /** A list of {@code { id, weight, template }}: distinct ids, weights summing to 100. */
    List<Variant> variants(Node node, Function<Node, String> template) {
        List<Node> items = yaml.list(node, "variants", "{ id, weight, template }");
        if (items == null) {
            return List.of();
        }
        List<Variant> variants = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        int sum = 0;
        boolean complete = true;
        for (Node item : items) {
            Map<String, Node> v = yaml.mapping(item, "a variant", List.of("id", "weight", "template"));
            if (v == null) {
                complete = false;
                continue;
            }
            String id = null;
            Integer weight = null;
            String name = null;
            for (String key : List.of("id", "weight", "template")) {
                if (!v.containsKey(key)) {
                    yaml.error(item, "the variant has no " + key, "write { id: a, weight: 50, template: we-miss-you }");
                }
            }
            if (v.containsKey("id")) {
                id = yaml.scalar(v.get("id"), "a variant's id", "a short name such as a");
                if (id != null && !VARIANT_ID.matcher(id).matches()) {
                    yaml.error(v.get("id"), "variant id '" + id + "' is not a short name", "use lower-case letters, digits and dashes: a, b, control");
                    id = null;
                }
                else if (id != null && seen.containsKey(id)) {
                    yaml.error(v.get("id"), "variant '" + id + "' is given twice", "give each variant its own id");
                    id = null;
                }
                else if (id != null) {
                    seen.put(id, v.get("id"));
                }
            }
            if (v.containsKey("weight")) {
                weight = whole(v.get("weight"), "weight", 0, 100, "a variant's share of the audience in percent, 0 to 100");
            }
            if (v.containsKey("template")) {
                name = template.apply(v.get("template"));
            }
            if (weight != null) {
                sum += weight;
            }
            else {
                complete = false;
            }
            if (id != null && weight != null && name != null) {
                variants.add(new Variant(id, weight, name));
            }
        }
        if (complete && sum != 100) {
            yaml.error(node, "the variants' weights sum to " + sum + ", not 100", "weights are shares of the audience in percent");
        }
        return variants;
    }

    /** {@code manual}, or {@code { cron, zone }} with a Quartz cron expression and an IANA zone. */
    Campaign.Schedule schedule(Node node, ZoneId defaultZone) {
        return cronAndZone(node, defaultZone, "schedule");
    }

    /** A flow's {@code check: { cron, zone }}: when its trigger is looked for; never manual. */
    Campaign.Schedule check(Node node, ZoneId defaultZone) {
        return cronAndZone(node, defaultZone, "check");
    }

    private Campaign.Schedule cronAndZone(Node node, ZoneId defaultZone, String what) {
        if (node instanceof ScalarNode && what.equals("check")) {
            yaml.error(node, "check needs { cron: ..., zone: ... }, not " + YamlNodes.describe(node),
                    "write check: { cron: \"0 0 9 * * ?\", zone: Europe/Warsaw } (Quartz: seconds first)");
            return null;
        }
        if (node instanceof ScalarNode) {
            String text = yaml.scalar(node, "schedule", "manual or { cron: ..., zone: ... }");
            if (text != null && !text.equals("manual")) {
                yaml.error(node, "schedule '" + text + "' is neither manual nor { cron: ..., zone: ... }",
                        "write schedule: manual, or schedule: { cron: \"0 0 10 ? * TUE\", zone: Europe/Warsaw }");
            }
            return null;
        }
        Map<String, Node> s = yaml.mapping(node, what, List.of("cron", "zone"));
        if (s == null) {
            return null;
        }
        String cron = null;
        if (!s.containsKey("cron")) {
            yaml.error(node, "the " + what + " has no cron", "add cron: \"0 0 10 ? * TUE\" (Quartz: seconds first)"
                    + (what.equals("schedule") ? ", or write schedule: manual" : ""));
        }
        else {
            cron = cron(s.get("cron"));
        }
        ZoneId zone = defaultZone;
        if (s.containsKey("zone")) {
            String text = yaml.scalar(s.get("zone"), "zone", "an IANA time zone such as Europe/Warsaw");
            try {
                zone = text == null ? null : ZoneId.of(text);
            }
            catch (DateTimeException ex) {
                yaml.error(s.get("zone"), "unknown time zone '" + text + "'", Suggestions.hint(text, ZoneId.getAvailableZoneIds()));
                zone = null;
            }
        }
        return cron == null || zone == null ? null : new Campaign.Schedule(cron, zone);
    }

    private String cron(Node node) {
        String cron = yaml.scalar(node, "cron", "a Quartz cron expression such as \"0 0 10 ? * TUE\"");
        if (cron == null) {
            return null;
        }
        String hint = "Quartz cron: seconds minutes hours day-of-month month day-of-week [year], one of the days '?', as in \"0 0 10 ? * TUE\"";
        try {
            CronExpression.validateExpression(cron);
        }
        catch (ParseException ex) {
            yaml.error(node, "cron '" + cron + "' is not a Quartz cron expression: " + ex.getMessage().replaceFirst("\\.$", ""), hint);
            return null;
        }
        catch (RuntimeException ex) {
            // Quartz reports some malformed fields by other exceptions than ParseException
            yaml.error(node, "cron '" + cron + "' is not a Quartz cron expression", hint);
            return null;
        }
        try {
            if (new CronExpression(cron).getNextValidTimeAfter(new Date()) == null) {
                yaml.error(node, "cron '" + cron + "' never fires again", "check the day of the month and the year");
                return null;
            }
        }
        catch (ParseException | RuntimeException ex) {
            yaml.error(node, "cron '" + cron + "' is not a Quartz cron expression", hint);
            return null;
        }
        return cron;
    }

    /** {@code 10%} (or {@code 10}): the share kept back, 0 to 50. */
    Integer holdout(Node node) {
        String text = yaml.scalar(node, "holdout", "a percentage such as 10%");
        if (text == null) {
            return null;
        }
        Matcher m = match(PERCENTAGE, text);
        if (m == null) {
            yaml.error(node, "holdout: '" + text + "' is not a whole percentage", "write the share kept back as 0% to 50%, as in 10%");
            return null;
        }
        int percent = Integer.parseInt(m.group(1));
        if (percent > MAX_HOLDOUT) {
            yaml.error(node, "holdout: " + percent + "% is more than " + MAX_HOLDOUT + "%",
                    "keep back 0% to 50% of the audience; the rest is who the campaign is for");
            return null;
        }
        return percent;
    }

    Integer priority(Node node) {
        String text = yaml.scalar(node, "priority", "a whole number");
        if (text == null) {
            return null;
        }
        if (match(PRIORITY, text) == null) {
            yaml.error(node, "priority: '" + text + "' is not a whole number", "write a number such as 5; higher goes first, default 0");
            return null;
        }
        return Integer.parseInt(text.strip());
    }

    /** {@code 20/s}: at most that many messages a second, 1 to 100,000. */
    Integer rateLimit(Node node) {
        String text = yaml.scalar(node, "rate-limit", "messages per second such as 20/s");
        if (text == null) {
            return null;
        }
        Matcher m = match(RATE, text);
        int rate = m == null ? 0 : Integer.parseInt(m.group(1));
        if (rate < 1 || rate > MAX_RATE) {
            yaml.error(node, "rate-limit: '" + text + "' is not a positive number of messages per second",
                    "write a whole number from 1 to " + MAX_RATE + " and /s, as in 20/s");
            return null;
        }
        return rate;
    }

    Duration positiveDuration(Node node, String what) {
        Duration d = yaml.duration(node, what);
        if (d != null && d.isZero()) {
            yaml.error(node, what + " is zero", "give it a length, as in 5d");
            return null;
        }
        return d;
    }

    /** {@code { percent | amount + currency, code, expires-in }}. */
    Discount discount(Node node) {
        List<String> keys = List.of("percent", "amount", "currency", "code", "expires-in");
        Map<String, Node> d = yaml.mapping(node, "discount", keys);
        if (d == null) {
            return null;
        }
        int before = yaml.errors().size();
        BigDecimal percent = null;
        BigDecimal amount = null;
        String currency = null;
        String code = null;
        Duration expiresIn = null;
        if (d.containsKey("percent") == d.containsKey("amount")) {
            yaml.error(node, d.containsKey("percent") ? "a discount is a percent or an amount off, not both" : "the discount has neither percent nor amount",
                    "write { percent: 15 } or { amount: 10, currency: EUR }");
        }
        if (d.containsKey("percent")) {
            percent = decimal(d.get("percent"), "percent", PERCENT, "a number from 1 to 100, as in 15");
            if (percent != null && (percent.compareTo(BigDecimal.ONE) < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
                yaml.error(d.get("percent"), "percent: " + percent.toPlainString() + " is outside 1 to 100", "write the percentage off, as in 15");
                percent = null;
            }
        }
        if (d.containsKey("amount")) {
            amount = decimal(d.get("amount"), "amount", AMOUNT, "an amount such as 10 or 9.99");
            if (amount != null && amount.signum() == 0) {
                yaml.error(d.get("amount"), "amount: 0 takes nothing off", "write the amount off, as in 10");
                amount = null;
            }
            if (!d.containsKey("currency")) {
                yaml.error(d.get("amount"), "an amount off needs a currency", "add currency: EUR (an ISO 4217 code)");
            }
        }
        if (d.containsKey("currency")) {
            currency = currency(d.get("currency"), d.containsKey("amount"));
        }
        if (d.containsKey("code")) {
            code = yaml.scalar(d.get("code"), "code", "a discount code");
            if (code != null && !CODE.matcher(code).matches()) {
                yaml.error(d.get("code"), "code: '" + code + "' is not a discount code",
                        "use up to 32 letters, digits, dashes and underscores, as in SPRING15; leave it out for a unique code per message");
                code = null;
            }
        }
        if (d.containsKey("expires-in")) {
            expiresIn = positiveDuration(d.get("expires-in"), "expires-in");
        }
        if (yaml.errors().size() > before) {
            return null;
        }
        return new Discount(percent, amount, currency, code, expiresIn);
    }

    private String currency(Node node, boolean withAmount) {
        String text = yaml.scalar(node, "currency", "an ISO 4217 code such as EUR");
        if (text == null) {
            return null;
        }
        if (!withAmount) {
            yaml.error(node, "currency goes with an amount off", "remove it, or write amount: instead of percent:");
            return null;
        }
        boolean known = CURRENCY.matcher(text).matches()
                && Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(text));
        if (!known) {
            yaml.error(node, "currency: '" + text + "' is not an ISO 4217 code", "write it in capitals, as in EUR, USD, PLN");
            return null;
        }
        return text;
    }

    /** An amount of money such as {@code 10} or {@code 9.99}, not negative. */
    BigDecimal amount(Node node, String what) {
        return decimal(node, what, AMOUNT, "an amount such as 10 or 9.99");
    }

    private BigDecimal decimal(Node node, String what, Pattern form, String expected) {
        String text = yaml.scalar(node, what, expected);
        if (text == null) {
            return null;
        }
        if (match(form, text) == null) {
            yaml.error(node, what + ": '" + text + "' is not a number", "write " + expected);
            return null;
        }
        return new BigDecimal(text.strip());
    }

    Integer whole(Node node, String what, int min, int max, String expected) {
        String text = yaml.scalar(node, what, expected);
        if (text == null) {
            return null;
        }
        if (match(WHOLE, text) == null || Integer.parseInt(text.strip()) < min || Integer.parseInt(text.strip()) > max) {
            yaml.error(node, what + ": '" + text + "' is not a whole number from " + min + " to " + max, "write " + expected);
            return null;
        }
        return Integer.parseInt(text.strip());
    }

    /** The pattern's match of the text without surrounding blanks, or null. */
    private static Matcher match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text.strip());
        return m.matches() ? m : null;
    }
}
