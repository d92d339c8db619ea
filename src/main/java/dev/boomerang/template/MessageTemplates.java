package dev.boomerang.template;

import java.util.List;
import java.util.Optional;

/**
 * Renders message templates for customers. Thread-safe; templates are parsed once (cached) and were all
 * checked at startup.
 */
public interface MessageTemplates {

    /** Every template, by name. */
    List<TemplateInfo> templates();

    /** The template of that name; empty when there is none. Malformed names (such as {@code ../x}) are refused. */
    Optional<TemplateInfo> template(String name);

    /**
     * Renders a template for the customer of {@code model}, in the model's locale. Every http(s) link goes
     * through {@code links} (pass {@link LinkRewriter#NONE} for previews).
     *
     * @throws TemplateException when the template does not exist, has no file for the channel, requires a part
     *     the model lacks, or fails to render
     */
    RenderedMessage render(String name, TemplateChannel channel, MessageModel model, LinkRewriter links);

    default RenderedMessage.Email email(String name, MessageModel model, LinkRewriter links) {
        return (RenderedMessage.Email) render(name, TemplateChannel.EMAIL, model, links);
    }

    default RenderedMessage.Sms sms(String name, MessageModel model, LinkRewriter links) {
        return (RenderedMessage.Sms) render(name, TemplateChannel.SMS, model, links);
    }
}
