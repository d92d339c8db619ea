package dev.boomerang.campaign.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.delivery.Variant;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.MessageTemplates;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateInfo;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What a campaign or a flow's send step sends: {@code template:} (one variant {@code a} of weight 100) or
 * {@code variants:}, each a template of {@code templates/} that has a part for the channel.
 */
final class TemplateCheck {

    /** The template module's own rule for a name; checked here first because it refuses other names by throwing. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final MessageTemplates templates;

    TemplateCheck(MessageTemplates templates) {
        this.templates = templates;
    }

    /**
     * The template's name, or null with an error; {@code channel} is null when the campaign's is not known.
     * A template that shows a discount cannot render without one, so it needs a campaign with {@code discount:}.
     */
    String check(YamlNodes yaml, Node node, Channel channel, boolean withDiscount) {
        return check(yaml, node, channel, withDiscount, "campaign");
    }

    /** The same for a {@code what} that sends ({@code campaign}, {@code send step}), for messages. */
    String check(YamlNodes yaml, Node node, Channel channel, boolean withDiscount, String what) {
        String name = yaml.scalar(node, "template", "a template name");
        if (name == null) {
            return null;
        }
        TemplateInfo info = NAME.matcher(name).matches() ? templates.template(name).orElse(null) : null;
        if (info == null) {
            List<String> known = templates.templates().stream().map(TemplateInfo::name).toList();
            yaml.error(node, "unknown template '" + name + "'", Suggestions.hint(name, known));
            return null;
        }
        if (channel != null) {
            TemplateChannel needed = TemplateChannel.of(channel.key());
            if (!info.channels().contains(needed)) {
                String has = info.channels().stream().map(TemplateChannel::key).sorted().collect(Collectors.joining(", "));
                yaml.error(node, "template '" + name + "' has no " + needed.key() + " part",
                        "it has " + has + "; add templates/" + name + "/" + (needed == TemplateChannel.EMAIL ? "email.html" : "sms.txt")
                                + " or pick another template");
                return null;
            }
        }
        if (!withDiscount && info.requires().contains(MessageModel.Part.DISCOUNT)) {
            yaml.error(node, "template '" + name + "' shows a discount, and the " + what + " has none",
                    "add discount: { percent: 15 }, or pick another template");
            return null;
        }
        return name;
    }

    /**
     * {@code template: X} is one variant {@code a} of weight 100; {@code variants:} lists several. Empty with an
     * error when neither or both are given or a template is wrong.
     * @param at where a missing template is reported
     * @param f the keys of the campaign or the send step
     * @param what {@code campaign} or {@code send step}, for messages
     */
    List<Variant> variants(YamlNodes yaml, CampaignParts parts, Node at, Map<String, Node> f, Channel channel, String what) {
        boolean one = f.containsKey("template");
        boolean many = f.containsKey("variants");
        boolean withDiscount = f.containsKey("discount");
        if (one && many) {
            yaml.error(f.get("variants"), "a " + what + " has template or variants, not both",
                    "keep template: for one message, or put every template in variants:");
            return List.of();
        }
        if (!one && !many) {
            yaml.error(at, "the " + what + " has no template", "add template: NAME (a folder of templates/), or variants: with weights");
            return List.of();
        }
        if (one) {
            String name = check(yaml, f.get("template"), channel, withDiscount, what);
            return name == null ? List.of() : List.of(new Variant("a", 100, name));
        }
        return parts.variants(f.get("variants"), node -> check(yaml, node, channel, withDiscount, what));
    }
}
