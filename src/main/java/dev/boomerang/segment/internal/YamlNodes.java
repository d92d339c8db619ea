package dev.boomerang.segment.internal;

import dev.boomerang.segment.SegmentError;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reading YAML as SnakeYAML's node tree, which keeps every value's line and column (binding to objects would
 * lose them), and collecting mistakes with their place instead of stopping at the first. Composing nodes
 * constructs no Java objects, so a hostile document can at worst be refused.
 */
final class YamlNodes {

    private final String source;
    private final List<SegmentError> errors;

    YamlNodes(String source, List<SegmentError> errors) {
        this.source = source;
        this.errors = errors;
    }

    String source() {
        return source;
    }

    List<SegmentError> errors() {
        return errors;
    }

    /** The document's root node, or null (with an error) when it is empty or not YAML. */
    Node compose(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                errors.add(new SegmentError(source, 0, 0, "the document is empty", "write a mapping with 'rule:'"));
            }
            return root;
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
            String problem = ex.getProblem() != null ? ex.getProblem() : ex.getMessage();
            errors.add(new SegmentError(source, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    "not valid YAML: " + problem, "check the indentation and the quotes around this place"));
            return null;
        }
        catch (YAMLException ex) {
            errors.add(new SegmentError(source, 0, 0, "not valid YAML: " + ex.getMessage(), null));
            return null;
        }
    }

    void error(Node at, String message, String hint) {
        Mark mark = at.getStartMark();
        errors.add(new SegmentError(source, mark.getLine() + 1, mark.getColumn() + 1, message, hint));
    }

    /** A scalar's text, or null (with an error naming {@code what} and the expected form) for a list or a mapping. */
    String scalar(Node node, String what, String expected) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        error(node, what + " needs " + expected + (node instanceof ScalarNode ? ", and has no value" : ", not " + describe(node)),
                null);
        return null;
    }

    /**
     * The entries of a mapping by key, in order, or null (with an error) when the node is not a mapping.
     * Unknown keys are reported with the closest known one; duplicate keys are reported too (YAML forbids them,
     * and the second would silently win).
     */
    Map<String, Node> mapping(Node node, String what, Collection<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, what + " needs a mapping of " + String.join(", ", known) + ", not " + describe(node),
                    "write it as { key: value } or as indented key: value lines");
            return null;
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                error(keyNode, "a key in " + what + " must be a plain name", null);
                continue;
            }
            String key = keyScalar.getValue();
            if (!known.contains(key)) {
                error(keyNode, "unknown key '" + key + "' in " + what, Suggestions.hint(key, known));
            }
            else if (entries.containsKey(key)) {
                error(keyNode, "'" + key + "' is given twice in " + what, "keep one");
            }
            else {
                entries.put(key, tuple.getValueNode());
            }
        }
        return entries;
    }

    /** A scalar or a list of scalars, as a list of texts; null (with an error) when neither. */
    List<String> oneOrMany(Node node, String what, String expected) {
        List<String> values = new ArrayList<>();
        if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
            if (sequence.getValue().isEmpty()) {
                error(node, what + " has an empty list", "name at least one " + expected);
                return null;
            }
            for (Node item : sequence.getValue()) {
                String value = scalar(item, what, expected);
                if (value == null) {
                    return null;
                }
                values.add(value);
            }
            return values;
        }
        String value = scalar(node, what, expected + " or a list of them");
        return value == null ? null : List.of(value);
    }

    static String describe(Node node) {
        return switch (node.getNodeId()) {
            case scalar -> ((ScalarNode) node).getTag().equals(Tag.NULL) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
            case sequence -> "a list";
            case mapping -> "a mapping";
            default -> node.getNodeId().name().toLowerCase(Locale.ROOT);
        };
    }
}
