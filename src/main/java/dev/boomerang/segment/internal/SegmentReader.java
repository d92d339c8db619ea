package dev.boomerang.segment.internal;

import dev.boomerang.definition.YamlNodes;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.segment.AsOf;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.SegmentDefinition;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.segment.Segments.AdHocQuery;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads segment definitions (a folder of {@code *.yml} files), ad-hoc queries and inline rules, and checks the
 * {@code segment:} references between them: unknown ids and cycles. Every mistake of every file is collected.
 */
final class SegmentReader {

    private static final String EMPTY_HINT = "write a mapping with 'rule:'";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The catalog read from a folder: definitions by id and every mistake, in file order. */
    record Catalog(Map<String, SegmentDefinition> definitions, List<DefinitionError> errors) {
    }

    private SegmentReader() {
    }

    static Catalog readFolder(Path folder) {
        List<DefinitionError> errors = new ArrayList<>();
        Map<String, SegmentDefinition> definitions = new TreeMap<>();
        Map<String, List<RuleParser.Reference>> references = new HashMap<>();
        Map<String, YamlNodes> places = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return new Catalog(definitions, errors);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        catch (IOException ex) {
            errors.add(new DefinitionError(folder.toString(), 0, 0, "cannot list the folder: " + ex.getMessage(), null));
            return new Catalog(definitions, errors);
        }
        Map<String, String> idSources = new HashMap<>();
        for (Path file : files) {
            String source = folder.resolve(file.getFileName()).toString();
            List<DefinitionError> fileErrors = new ArrayList<>();
            YamlNodes yaml = new YamlNodes(source, fileErrors);
            Node root;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                root = yaml.compose(reader, EMPTY_HINT);
            }
            catch (IOException ex) {
                fileErrors.add(new DefinitionError(source, 0, 0, "cannot read the file: " + ex.getMessage(), null));
                root = null;
            }
            String id = null;
            String description = null;
            Rule rule = null;
            RuleParser parser = new RuleParser(yaml);
            Map<String, Node> f = root == null ? null : yaml.mapping(root, "a segment", List.of("id", "description", "rule"));
            if (f != null) {
                id = f.containsKey("id") ? yaml.scalar(f.get("id"), "id", "the segment's name") : null;
                if (!f.containsKey("id")) {
                    yaml.error(root, "the segment has no id", "add id: " + file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
                }
                else if (id != null && !ID.matcher(id).matches()) {
                    yaml.error(f.get("id"), "id '" + id + "' is not a segment name",
                            "use lower-case letters, digits and dashes, as in lapsed-regulars");
                    id = null;
                }
                else if (id != null && idSources.containsKey(id)) {
                    yaml.error(f.get("id"), "segment '" + id + "' is defined twice", "the other one is in " + idSources.get(id));
                    id = null;
                }
                if (f.containsKey("description")) {
                    description = yaml.scalar(f.get("description"), "description", "a text");
                }
                if (!f.containsKey("rule")) {
                    yaml.error(root, "the segment has no rule", "add rule: with one condition, or all: / any: of several");
                }
                else {
                    rule = parser.parse(f.get("rule"));
                }
            }
            if (id == null) {
                errors.addAll(fileErrors);
                continue;
            }
            idSources.put(id, source);
            references.put(id, parser.references());
            places.put(id, yaml);
            definitions.put(id, new SegmentDefinition(id, description, source, fileErrors.isEmpty() ? rule : null, fileErrors));
        }
        checkReferences(definitions, references, places);
        for (Path file : files) {
            String source = folder.resolve(file.getFileName()).toString();
            definitions.values().stream().filter(d -> d.source().equals(source)).forEach(d -> errors.addAll(d.errors()));
        }
        errors.sort(Comparator.comparing(DefinitionError::file).thenComparingInt(DefinitionError::line)
            .thenComparingInt(DefinitionError::column));
        return new Catalog(definitions, List.copyOf(errors));
    }

    /** Unknown references and cycles, reported where the reference is written; the definitions hit become invalid. */
    private static void checkReferences(Map<String, SegmentDefinition> definitions,
            Map<String, List<RuleParser.Reference>> references, Map<String, YamlNodes> places) {
        Map<String, List<DefinitionError>> added = new LinkedHashMap<>();
        for (var entry : references.entrySet()) {
            YamlNodes yaml = places.get(entry.getKey());
            int before = yaml.errors().size();
            unknown(entry.getValue(), definitions.keySet(), yaml);
            if (yaml.errors().size() > before) {
                added.computeIfAbsent(entry.getKey(), k -> new ArrayList<>());
            }
        }
        // cycles: depth-first, a reference to a segment still on the path closes one
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String id : definitions.keySet()) {
            cycles(id, new ArrayList<>(), state, references, places, added);
        }
        for (String id : added.keySet()) {
            SegmentDefinition d = definitions.get(id);
            definitions.put(id, new SegmentDefinition(d.id(), d.description(), d.source(), null, places.get(id).errors()));
        }
    }

    private static void cycles(String id, List<String> path, Map<String, Integer> state,
            Map<String, List<RuleParser.Reference>> references, Map<String, YamlNodes> places,
            Map<String, List<DefinitionError>> added) {
        if (state.containsKey(id)) {
            return;
        }
        state.put(id, 1);
        path.add(id);
        for (RuleParser.Reference ref : references.getOrDefault(id, List.of())) {
            Integer target = state.get(ref.id());
            if (target != null && target == 1) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(ref.id()), path.size()));
                loop.add(ref.id());
                places.get(id).error(ref.at(), "segment references form a loop: " + String.join(" -> ", loop),
                        "a segment cannot contain itself; break the loop");
                added.computeIfAbsent(id, k -> new ArrayList<>());
            }
            else if (target == null && references.containsKey(ref.id())) {
                cycles(ref.id(), path, state, references, places, added);
            }
        }
        path.removeLast();
        state.put(id, 2);
    }

    private static void unknown(List<RuleParser.Reference> references, Collection<String> known, YamlNodes yaml) {
        for (RuleParser.Reference ref : references) {
            if (!known.contains(ref.id())) {
                yaml.error(ref.at(), "unknown segment '" + ref.id() + "'", Suggestions.hint(ref.id(), known));
            }
        }
    }

    /** An inline rule in another module's document, its references checked against the catalog. */
    static Rule readRule(Node node, String source, Collection<String> catalogIds) {
        List<DefinitionError> errors = new ArrayList<>();
        YamlNodes yaml = new YamlNodes(source, errors);
        RuleParser parser = new RuleParser(yaml);
        Rule rule = parser.parse(node);
        unknown(parser.references(), catalogIds, yaml);
        if (!errors.isEmpty()) {
            throw new InvalidSegmentException(errors);
        }
        return rule;
    }

    /** An ad-hoc query: {@code rule:} and an optional {@code asOf:}. */
    static AdHocQuery readQuery(String text, String source, Collection<String> catalogIds) {
        List<DefinitionError> errors = new ArrayList<>();
        YamlNodes yaml = new YamlNodes(source, errors);
        Node root = yaml.compose(new StringReader(text), EMPTY_HINT);
        Rule rule = null;
        Instant asOf = null;
        Map<String, Node> f = root == null ? null : yaml.mapping(root, "the request", List.of("rule", "asOf"));
        if (f != null) {
            if (!f.containsKey("rule")) {
                yaml.error(root, "the request has no rule", "send rule: with one condition, or all: / any: of several");
            }
            else {
                RuleParser parser = new RuleParser(yaml);
                rule = parser.parse(f.get("rule"));
                unknown(parser.references(), catalogIds, yaml);
            }
            if (f.containsKey("asOf")) {
                String value = yaml.scalar(f.get("asOf"), "asOf", "an instant");
                try {
                    asOf = value == null ? null : AsOf.parse(value);
                }
                catch (IllegalArgumentException ex) {
                    yaml.error(f.get("asOf"), "asOf: '" + value + "' is not an instant", AsOf.FORMS);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSegmentException(errors);
        }
        return new AdHocQuery(rule, asOf);
    }

}
