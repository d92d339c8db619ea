package dev.boomerang.admin.internal;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.MessageModels;
import dev.boomerang.template.MessageTemplates;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateException;
import dev.boomerang.template.TemplateInfo;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The message templates as an admin sees them: the list, and a preview of what one customer would receive
 * (rendered from their data today, with preview unsubscribe links and no click tracking).
 */
@RestController
class TemplatesController {

    private final MessageTemplates templates;
    private final MessageModels models;

    TemplatesController(MessageTemplates templates, MessageModels models) {
        this.templates = templates;
        this.models = models;
    }

    record TemplateView(String name, String description, Set<String> channels, Set<String> requires,
            List<String> languages) {
    }

    record Preview(String template, String channel, String customer, String locale, String subject, String html,
            String text, String body, Integer segments, String encoding, List<String> links) {
    }

    @GetMapping("/api/admin/templates")
    List<TemplateView> templates() {
        return templates.templates().stream().map(TemplatesController::view).toList();
    }

    @GetMapping("/api/admin/templates/{name}/preview")
    Preview preview(@PathVariable String name, @RequestParam String customer,
            @RequestParam(defaultValue = "email") String channel,
            @RequestParam(defaultValue = "false") boolean discount) {
        TemplateChannel which;
        TemplateInfo template;
        try {
            which = TemplateChannel.of(channel);
            template = templates.template(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no template " + name));
        }
        catch (IllegalArgumentException | TemplateException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        if (!template.channels().contains(which)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "template " + name + " has no " + which.key() + " version");
        }
        MessageModel model = models.forPreview(customer, template, discount)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer with id " + customer));
        RenderedMessage rendered;
        try {
            rendered = templates.render(name, which, model, LinkRewriter.NONE);
        }
        catch (TemplateException ex) {
            // the customer lacks what the template needs (no cart, no order), or the template fails for their data
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        }
        String locale = model.locale().toLanguageTag();
        return switch (rendered) {
            case RenderedMessage.Email e -> new Preview(name, which.key(), customer, locale, e.subject(), e.html(),
                    e.text(), null, null, null, e.links());
            case RenderedMessage.Sms s -> new Preview(name, which.key(), customer, locale, null, null, null, s.body(),
                    s.segments(), s.length().encoding().name(), s.links());
        };
    }

    private static TemplateView view(TemplateInfo info) {
        return new TemplateView(info.name(), info.description(),
                new java.util.TreeSet<>(info.channels().stream().map(TemplateChannel::key).toList()),
                new java.util.TreeSet<>(info.requires().stream().map(MessageModel.Part::key).toList()), info.languages());
    }
}
