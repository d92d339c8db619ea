package dev.boomerang.template;

import java.util.List;
import java.util.Set;

/**
 * A message template: a folder under {@code templates/}.
 *
 * @param name the folder's name, which campaigns use
 * @param description what it is for (from its {@code template.yml})
 * @param channels what it can render: email when it has {@code email.html}, SMS when it has {@code sms.txt}
 * @param requires the parts of the model it cannot do without (a cart reminder needs a cart)
 * @param languages the languages it has messages for, the default language first
 * @param smsOptOut whether the SMS opt-out sentence is appended (unless the body already has it)
 */
public record TemplateInfo(String name, String description, Set<TemplateChannel> channels,
        Set<MessageModel.Part> requires, List<String> languages, boolean smsOptOut) {
}
