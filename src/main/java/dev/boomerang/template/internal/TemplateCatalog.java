package dev.boomerang.template.internal;

import dev.boomerang.template.MessageModel;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateInfo;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The templates folder as a list of templates: each sub-folder with a valid name that has {@code email.html}
 * or {@code sms.txt} is one, described by its optional {@code template.yml}. Folders whose name starts with
 * {@code _} hold shared layouts and texts. Everything wrong is collected with its file (and line), not thrown.
 */
final class TemplateCatalog {

    /** A template's name: lower-case letters, digits and dashes; never a path. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    static final String EMAIL_HTML = "email.html";
    static final String EMAIL_TEXT = "email.txt";
    static final String SMS = "sms.txt";
    static final String METADATA = "template.yml";

    /** A template and whether it has its own text version. */
    record Entry(TemplateInfo info, boolean ownText) {
    }

    record Scan(Map<String, Entry> templates, List<String> problems) {
    }

    private TemplateCatalog() {
    }

    static Scan scan(Path root, List<String> languages) {
        Map<String, Entry> templates = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + ": the templates folder does not exist (boomerang.template.location)");
            return new Scan(templates, problems);
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                if (!NAME.matcher(name).matches()) {
                    problems.add(folder + ": a template folder's name is lower-case letters, digits and dashes");
                    continue;
                }
                Set<TemplateChannel> channels = EnumSet.noneOf(TemplateChannel.class);
                if (Files.isRegularFile(folder.resolve(EMAIL_HTML))) {
                    channels.add(TemplateChannel.EMAIL);
                }
                if (Files.isRegularFile(folder.resolve(SMS))) {
                    channels.add(TemplateChannel.SMS);
                }
                if (channels.isEmpty()) {
                    problems.add(folder + ": neither email.html nor sms.txt, so it is no template");
                    continue;
                }
                Metadata metadata = metadata(folder.resolve(METADATA), problems);
                templates.put(name, new Entry(new TemplateInfo(name, metadata.description(), channels,
                        metadata.requires(), languages(folder, languages), metadata.smsOptOut()),
                        Files.isRegularFile(folder.resolve(EMAIL_TEXT))));
            }
        }
        catch (IOException ex) {
            problems.add(root + ": cannot list the templates folder: " + ex.getMessage());
        }
        return new Scan(templates, problems);
    }

    /** The default language, then each language with its own messages file in the folder. */
    private static List<String> languages(Path folder, List<String> configured) {
        List<String> found = new ArrayList<>();
        found.add(configured.getFirst());
        for (String language : configured.subList(1, configured.size())) {
            if (Files.isRegularFile(folder.resolve("messages_" + language + ".properties"))) {
                found.add(language);
            }
        }
        return found;
    }

    private record Metadata(String description, Set<MessageModel.Part> requires, boolean smsOptOut) {
    }

    private static Metadata metadata(Path file, List<String> problems) {
        String description = "";
        Set<MessageModel.Part> requires = EnumSet.noneOf(MessageModel.Part.class);
        boolean smsOptOut = true;
        if (!Files.isRegularFile(file)) {
            return new Metadata(description, requires, smsOptOut);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            if (root == null) {
                return new Metadata(description, requires, smsOptOut);
            }
            if (!(root instanceof MappingNode mapping)) {
                problems.add(at(file, root) + "expected keys description, requires, sms-opt-out");
                return new Metadata(description, requires, smsOptOut);
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                Node value = tuple.getValueNode();
                switch (key) {
                    case "description" -> description = scalar(value);
                    case "sms-opt-out" -> {
                        String flag = scalar(value).toLowerCase(Locale.ROOT);
                        if (!flag.equals("true") && !flag.equals("false")) {
                            problems.add(at(file, value) + "sms-opt-out is true or false");
                        }
                        smsOptOut = !flag.equals("false");
                    }
                    case "requires" -> {
                        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
                        for (Node item : items) {
                            MessageModel.Part part = part(scalar(item));
                            if (part == null) {
                                problems.add(at(file, item) + "requires lists cart, last-order, discount, recommendations; not '"
                                        + scalar(item) + "'");
                            }
                            else {
                                requires.add(part);
                            }
                        }
                    }
                    default -> problems.add(at(file, tuple.getKeyNode()) + "unknown key '" + key
                            + "' (known: description, requires, sms-opt-out)");
                }
            }
        }
        catch (MarkedYAMLException ex) {
            problems.add(file + " line " + (ex.getProblemMark().getLine() + 1) + ": " + ex.getProblem());
        }
        catch (IOException | RuntimeException ex) {
            problems.add(file + ": " + ex.getMessage());
        }
        return new Metadata(description, requires, smsOptOut);
    }

    private static MessageModel.Part part(String key) {
        for (MessageModel.Part part : MessageModel.Part.values()) {
            if (part.key().equals(key)) {
                return part;
            }
        }
        return null;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue().strip() : "";
    }

    private static String at(Path file, Node node) {
        return file + " line " + (node.getStartMark().getLine() + 1) + ": ";
    }
}
