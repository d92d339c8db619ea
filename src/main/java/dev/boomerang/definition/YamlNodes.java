package dev.boomerang.definition;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reading one YAML document as SnakeYAML's node tree, which keeps every value's line and column (binding to
 * objects would lose them), and collecting mistakes with their place instead of stopping at the first.
 * Composing nodes constructs no Java objects, and the document's size, aliases and nesting are bounded, so a
 * hostile file can at worst be refused. Not thread-safe: one instance per document.
 */
public final class YamlNodes {

    /** The largest definition file read: definitions are dozens of lines, not megabytes. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([mhdw])");
    private static final Duration LONGEST = Duration.ofDays(36_600);
    /** How durations are written, for hints. */
    public static final String DURATION_HINT = "write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 90d";

    private final String source;
    private final List<DefinitionError> errors;

    /**
     * @param source the file name put in every error
     * @param errors where mistakes are added, in the order they are found
     */
    public YamlNodes(String source, List<DefinitionError> errors) {
        this.source = source;
        this.errors = errors;
    }

    public String source() {
        return source;
    }

    public List<DefinitionError> errors() {
        return errors;
    }

    /** Reads a file of at most {@link #MAX_BYTES}; the root node, or null with an error. */
    public Node read(Path file, String emptyHint) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                errors.add(new DefinitionError(source, 0, 0, "the file has " + size + " bytes, more than a definition may ("
                        + MAX_BYTES + ")", "a definition is a few dozen lines; is this the right file?"));
                return null;
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return compose(reader, emptyHint);
            }
        }
        catch (IOException | UncheckedIOException ex) {
            errors.add(new DefinitionError(source, 0, 0, "cannot read the file: " + ex.getMessage(), null));
            return null;
        }
    }

    /** The document's root node, or null (with an error) when it is empty or not YAML. */
    public Node compose(Reader reader, String emptyHint) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(30);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                errors.add(new DefinitionError(source, 0, 0, "the document is empty", emptyHint));
            }
            return root;
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
            String problem = ex.getProblem() != null ? ex.getProblem() : ex.getMessage();
            errors.add(new DefinitionError(source, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    "not valid YAML: " + problem, "check the indentation and the quotes around this place"));
            return null;
        }
        catch (YAMLException ex) {
            // the size limit and undecodable bytes end here, without a place
            errors.add(new DefinitionError(source, 0, 0, "not valid YAML: " + ex.getMessage(), null));
            return null;
        }
    }

    /** Adds a mistake at the node's start. */
    public void error(Node at, String message, String hint) {
        Mark mark = at.getStartMark();
        errors.add(new DefinitionError(source, mark.getLine() + 1, mark.getColumn() + 1, message, hint));
    }

    /** A scalar's text, or null (with an error naming {@code what} and the expected form) for a list or a mapping. */
    public String scalar(Node node, String what, String expected) {
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
    public Map<String, Node> mapping(Node node, String what, Collection<String> known) {
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

    /** The items of a list, or null (with an error) when the node is not a non-empty list. */
    public List<Node> list(Node node, String what, String expected) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, what + " needs a list of " + expected + ", not " + describe(node), "write it as [ ... ] or as indented - lines");
            return null;
        }
        if (sequence.getValue().isEmpty()) {
            error(node, what + " has an empty list", "name at least one " + expected);
            return null;
        }
        return sequence.getValue();
    }

    /** A scalar or a list of scalars, as a list of texts; null (with an error) when neither. */
    public List<String> oneOrMany(Node node, String what, String expected) {
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
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

    /**
     * A duration written as a whole number and a unit ({@code 90m}, {@code 36h}, {@code 14d}, {@code 2w}), up to a
     * century; null with an error otherwise.
     */
    public Duration duration(Node node, String what) {
        return duration(node, what, what + ": ", "14d");
    }

    /** The same, for a value that is itself the duration (a rule's {@code within: 90d}): no key in the message. */
    public Duration duration(Node node) {
        return duration(node, "a duration", "", "90d");
    }

    private Duration duration(Node node, String what, String prefix, String example) {
        String text = scalar(node, what, "a duration such as " + example);
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            error(node, prefix + "'" + text + "' is not a duration", DURATION_HINT);
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(n * 7);
        };
        if (d.compareTo(LONGEST) > 0) {
            error(node, prefix + "'" + text + "' is longer than a century", "durations go up to 36600d");
            return null;
        }
        return d;
    }

    /** How a node reads in a message: {@code 'text'}, {@code nothing}, {@code a list}, {@code a mapping}. */
    public static String describe(Node node) {
        return switch (node.getNodeId()) {
            case scalar -> ((ScalarNode) node).getTag().equals(Tag.NULL) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
            case sequence -> "a list";
            case mapping -> "a mapping";
            default -> node.getNodeId().name().toLowerCase(Locale.ROOT);
        };
    }
}
