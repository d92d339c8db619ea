package dev.boomerang.campaign.internal;

import static dev.boomerang.campaign.internal.DefinitionHeader.optional;
import static dev.boomerang.campaign.internal.DefinitionHeader.require;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Flow;
import dev.boomerang.channel.Channel;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.Segments;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one file of the campaign folder into a {@link Campaign}, or a {@link Flow} when it has {@code trigger:}
 * ({@link FlowReader}), or into every mistake it has, each with line and column. The segment and the templates it
 * names are checked against their catalogs here, so a campaign that reads is one that can run. The pieces of a
 * campaign (audience, variants, offer, schedule and numbers) are read by {@link CampaignParts}.
 */
final class CampaignReader {

    static final List<String> KEYS = List.of("id", "name", "description", "segment", "channel", "template", "variants",
            "schedule", "holdout", "priority", "discount", "rate-limit", "attribution-window");
    static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(5);
    static final Comparator<DefinitionError> IN_PLACE_ORDER = Comparator.comparingInt(DefinitionError::line)
        .thenComparingInt(DefinitionError::column);

    /**
     * What one file gave.
     *
     * @param kind {@code campaign} or {@code flow} (a file with {@code trigger:}), for messages
     * @param id the campaign's or flow's id, or null when it has none that is valid
     * @param idAt where the id is written (the root for an id taken from the file name), for a duplicate's error
     * @param campaign the campaign, or null when the file has mistakes or is a flow
     * @param flow the flow, or null when the file has mistakes or is a campaign
     * @param errors the file's mistakes, by line and column
     */
    record Result(String kind, String id, Node idAt, Campaign campaign, Flow flow, List<DefinitionError> errors) {
    }

    private final SegmentRefs segments;
    private final TemplateCheck templates;
    private final ZoneId defaultZone;
    private final FlowReader flows;

    CampaignReader(Segments segments, TemplateCheck templates, ZoneId defaultZone) {
        this.segments = new SegmentRefs(segments);
        this.templates = templates;
        this.defaultZone = defaultZone;
        this.flows = new FlowReader(this.segments, templates, defaultZone);
    }

    Result read(Path file, String source) {
        List<DefinitionError> errors = new ArrayList<>();
        YamlNodes yaml = new YamlNodes(source, errors);
        Node root = yaml.read(file, "write a campaign: at least segment, channel and template");
        if (FlowReader.isFlow(root)) {
            return flows.read(yaml, root, file);
        }
        Map<String, Node> f = root == null ? null : yaml.mapping(root, "a campaign", KEYS);
        if (f == null) {
            return new Result("campaign", null, null, null, null, errors);
        }
        DefinitionHeader header = DefinitionHeader.read(yaml, root, f, file, "campaign", "winback-monthly");
        CampaignParts parts = new CampaignParts(yaml);

        String segmentId = null;
        Rule audience = null;
        if (require(yaml, root, f, "segment", "campaign", "add segment: with a segment id from config/segments, or segment: { rule: ... }")) {
            Node node = f.get("segment");
            if (node instanceof ScalarNode) {
                segmentId = yaml.scalar(node, "segment", "a segment id or { rule: ... }");
                audience = segmentId == null ? null : segments.named(yaml, node, segmentId);
            }
            else {
                audience = inlineRule(yaml, node);
            }
        }
        Channel channel = require(yaml, root, f, "channel", "campaign", "add channel: email or channel: sms")
                ? parts.channel(f.get("channel")) : null;
        List<Variant> variants = templates.variants(yaml, parts, root, f, channel, "campaign");
        Campaign.Schedule schedule = f.containsKey("schedule") ? parts.schedule(f.get("schedule"), defaultZone) : null;
        Integer holdout = optional(f, "holdout", parts::holdout, 0);
        Integer priority = optional(f, "priority", parts::priority, 0);
        Discount discount = optional(f, "discount", parts::discount, null);
        Integer rate = optional(f, "rate-limit", parts::rateLimit, null);
        Duration window = optional(f, "attribution-window", n -> parts.positiveDuration(n, "attribution-window"),
                DEFAULT_ATTRIBUTION_WINDOW);

        String id = header.id();
        Campaign campaign = errors.isEmpty() && id != null
                ? new Campaign(id, header.name(), header.description(), source, segmentId, audience, channel, variants, schedule,
                        holdout, priority, discount, rate, window)
                : null;
        errors.sort(IN_PLACE_ORDER);
        return new Result("campaign", id, header.idAt(), campaign, null, List.copyOf(errors));
    }

    /** {@code segment: { rule: ... }}: the segment parser's own mistakes, with their places in this file. */
    private Rule inlineRule(YamlNodes yaml, Node node) {
        Map<String, Node> s = yaml.mapping(node, "segment", List.of("rule"));
        if (s == null) {
            return null;
        }
        if (!s.containsKey("rule")) {
            yaml.error(node, "segment has no rule", "write segment: { rule: { ... } } or name a segment: segment: lapsed-regulars");
            return null;
        }
        return segments.inline(yaml, s.get("rule"));
    }
}
