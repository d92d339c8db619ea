package dev.boomerang.segment.internal;

import dev.boomerang.customer.ContactChannel;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.segment.Rule;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the engagement conditions (docs/segments.md, "Engagement"): {@code engaged}, {@code not-engaged} and
 * {@code received}. Kept apart from {@link RuleParser}, which registers them, to keep each file readable.
 */
final class EngagementRules {

    /** Campaign ids as the campaign catalog allows them (checked here for form only: see docs/segments.md). */
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final YamlNodes yaml;

    EngagementRules(YamlNodes yaml) {
        this.yaml = yaml;
    }

    /** {@code engaged: {opened: {within: 30d}}}, or {@code clicked:}, or {@code opened-or-clicked:}. */
    Rule engaged(Node node) {
        List<String> actions = List.of("opened", "clicked", "opened-or-clicked");
        Map<String, Node> f = yaml.mapping(node, "engaged", actions);
        if (f == null) {
            return null;
        }
        if (f.size() != 1) {
            yaml.error(node, "engaged needs exactly one of " + String.join(", ", actions),
                    "write engaged: { opened: { within: 30d } }, or use any: to combine");
            return null;
        }
        var only = f.entrySet().iterator().next();
        Duration within = within(only.getValue(), "engaged " + only.getKey());
        Rule.Action action = Rule.Action.valueOf(only.getKey().toUpperCase(Locale.ROOT).replace('-', '_'));
        return within == null ? null : new Rule.Engaged(action, within);
    }

    /** {@code not-engaged: {within: 90d}}: neither an open nor a click in the window. */
    Rule notEngaged(Node node) {
        Duration within = within(node, "not-engaged");
        return within == null ? null : new Rule.Not(new Rule.Engaged(Rule.Action.OPENED_OR_CLICKED, within));
    }

    /** {@code received: {campaign: ID, channel: email, within: 7d}}, every part optional. */
    Rule received(Node node) {
        Map<String, Node> f = yaml.mapping(node, "received", List.of("campaign", "channel", "within"));
        if (f == null) {
            return null;
        }
        boolean ok = true;
        String campaign = null;
        if (f.containsKey("campaign")) {
            campaign = yaml.scalar(f.get("campaign"), "received campaign", "a campaign id");
            if (campaign != null && !CAMPAIGN_ID.matcher(campaign).matches()) {
                yaml.error(f.get("campaign"), "received: '" + campaign + "' is not a campaign id",
                        "campaign ids are lower-case letters, digits and dashes, as in winback-monthly");
                campaign = null;
            }
            ok &= campaign != null;
        }
        ContactChannel channel = null;
        if (f.containsKey("channel")) {
            channel = channel(f.get("channel"));
            ok &= channel != null;
        }
        Duration within = null;
        if (f.containsKey("within")) {
            within = yaml.duration(f.get("within"));
            ok &= within != null;
        }
        return ok ? new Rule.Received(campaign, channel, within) : null;
    }

    private Duration within(Node node, String what) {
        Map<String, Node> f = yaml.mapping(node, what, List.of("within"));
        if (f == null) {
            return null;
        }
        if (!f.containsKey("within")) {
            yaml.error(node, what + " needs 'within'", "write { within: 30d }");
            return null;
        }
        return yaml.duration(f.get("within"));
    }

    private ContactChannel channel(Node node) {
        List<String> names = Arrays.stream(ContactChannel.values()).map(ContactChannel::key).toList();
        String name = yaml.scalar(node, "received channel", "a channel (" + String.join(" or ", names) + ")");
        if (name == null) {
            return null;
        }
        if (!names.contains(name)) {
            yaml.error(node, "unknown channel '" + name + "' for received", Suggestions.hint(name, names));
            return null;
        }
        return ContactChannel.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
