package dev.boomerang.campaign.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.definition.YamlNodes;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.MessageTemplates;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateInfo;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/** A campaign's {@code template:}: a template of {@code templates/} that has a part for the campaign's channel. */
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
            yaml.error(node, "template '" + name + "' shows a discount, and the campaign has none",
                    "add discount: { percent: 15 }, or pick another template");
            return null;
        }
        return name;
    }
}
