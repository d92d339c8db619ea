package dev.boomerang.campaign.internal;

import dev.boomerang.definition.YamlNodes;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What campaigns and flows begin with alike: the id (written, or the file's name), the name and the description.
 *
 * @param id null when it is not a valid id (the error is reported)
 * @param idAt where the id is written (the root for an id taken from the file name), for a duplicate's error
 */
record DefinitionHeader(String id, Node idAt, String name, String description) {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * @param kind {@code campaign} or {@code flow}, for messages
     * @param example an id to show in the hint
     */
    static DefinitionHeader read(YamlNodes yaml, Node root, Map<String, Node> f, Path file, String kind, String example) {
        String fileId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Node idAt = f.getOrDefault("id", root);
        String id = f.containsKey("id") ? yaml.scalar(f.get("id"), "id", "the " + kind + "'s name") : fileId;
        if (id != null && !ID.matcher(id).matches()) {
            yaml.error(idAt, (f.containsKey("id") ? "id '" : "the file name '") + id + "' is not a " + kind + " id",
                    "use lower-case letters, digits and dashes, as in " + example + (f.containsKey("id") ? "" : ", or add id:"));
            id = null;
        }
        String name = f.containsKey("name") ? yaml.scalar(f.get("name"), "name", "a text") : id;
        String description = f.containsKey("description") ? yaml.scalar(f.get("description"), "description", "a text") : null;
        return new DefinitionHeader(id, idAt, name, description);
    }

    /** Whether {@code key} is given; reports {@code the KIND has no KEY} at {@code at} when it is not. */
    static boolean require(YamlNodes yaml, Node at, Map<String, Node> f, String key, String kind, String hint) {
        if (!f.containsKey(key)) {
            yaml.error(at, "the " + kind + " has no " + key, hint);
            return false;
        }
        return true;
    }

    /** The optional key's value read, or {@code absent}. */
    static <T> T optional(Map<String, Node> f, String key, Function<Node, T> read, T absent) {
        return f.containsKey(key) ? read.apply(f.get(key)) : absent;
    }
}
