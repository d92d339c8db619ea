package dev.boomerang.campaign.internal;

import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.SegmentDefinition;
import dev.boomerang.segment.Segments;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A definition's references to the segment catalog: a named segment (which must exist and be valid) or a rule
 * written inline (the segment parser's mistakes keep their places in the definition's file). Shared by campaigns'
 * audiences and flows' triggers and branches.
 */
final class SegmentRefs {

    private final Segments segments;

    SegmentRefs(Segments segments) {
        this.segments = segments;
    }

    /** The rule of the catalog's segment {@code segmentId}, or null with an error at {@code node}. */
    Rule named(YamlNodes yaml, Node node, String segmentId) {
        SegmentDefinition definition = segments.definition(segmentId).orElse(null);
        if (definition == null) {
            yaml.error(node, "unknown segment '" + segmentId + "'",
                    Suggestions.hint(segmentId, segments.definitions().stream().map(SegmentDefinition::id).toList()));
            return null;
        }
        if (!definition.valid()) {
            yaml.error(node, "segment '" + segmentId + "' has mistakes of its own (" + definition.source() + ")",
                    "fix them first: java -jar boomerang.jar segments validate");
            return null;
        }
        return definition.rule();
    }

    /** The rule written at {@code node}, or null with every mistake the segment parser found in it. */
    Rule inline(YamlNodes yaml, Node node) {
        try {
            return segments.readRule(node, yaml.source());
        }
        catch (InvalidSegmentException ex) {
            yaml.errors().addAll(ex.errors());
            return null;
        }
    }
}
