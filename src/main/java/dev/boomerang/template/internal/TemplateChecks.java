package dev.boomerang.template.internal;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateException;
import dev.boomerang.template.TemplateInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders every template, on every channel it has, in every language it has, for the three sample customers
 * of {@link SampleModels}, and lists what is wrong: errors with their file and line, empty subjects, missing
 * messages, SMS longer than the segment limit, and customer data printed unescaped into HTML or evaluated as
 * template code. A template's first error per channel and language stops its further checks there, so one
 * mistake is reported once.
 */
final class TemplateChecks {

    private static final Pattern ABSENT_MESSAGE = Pattern.compile("\\?\\?([^?\\s]+)_([A-Za-z_]*)\\?\\?");

    private final ThymeleafMessageTemplates templates;
    private final SampleModels samples;
    private final TemplateProperties properties;

    TemplateChecks(ThymeleafMessageTemplates templates, SampleModels samples, TemplateProperties properties) {
        this.templates = templates;
        this.samples = samples;
        this.properties = properties;
    }

    /** Everything wrong with the templates folder; empty when all is well. */
    List<String> problems() {
        TemplateCatalog.Scan scan = templates.scan();
        List<String> problems = new ArrayList<>(scan.problems());
        if (scan.templates().isEmpty() && scan.problems().isEmpty()) {
            problems.add(templates.root() + ": no templates (a template is a folder with email.html or sms.txt)");
        }
        for (TemplateCatalog.Entry entry : scan.templates().values()) {
            TemplateInfo info = entry.info();
            for (TemplateChannel channel : info.channels()) {
                for (String language : info.languages()) {
                    check(info, channel, language, problems);
                }
            }
        }
        return problems;
    }

    private void check(TemplateInfo info, TemplateChannel channel, String language, List<String> problems) {
        String file = templates.root().resolve(info.name()).resolve(channel == TemplateChannel.EMAIL
                ? TemplateCatalog.EMAIL_HTML : TemplateCatalog.SMS).toString();
        String in = " (language " + language + ", ";
        try {
            RenderedMessage full = templates.render(info.name(), channel, samples.full(language), LinkRewriter.NONE);
            if (absent(full, file, in + "sample customer)", problems)) {
                return;
            }
            if (full instanceof RenderedMessage.Sms sms && sms.segments() > properties.sms().maxSegments()) {
                problems.add(file + in + "sample customer): the SMS takes " + sms.segments() + " segments ("
                        + sms.length().encoding() + ", " + sms.length().units() + " units), more than the limit of "
                        + properties.sms().maxSegments() + " (boomerang.template.sms.max-segments)");
                return;
            }
        }
        catch (TemplateException ex) {
            problems.add(ex.getMessage() + in + "sample customer)");
            return;
        }
        try {
            RenderedMessage sparse = templates.render(info.name(), channel, samples.sparse(language, info.requires()),
                    LinkRewriter.NONE);
            if (absent(sparse, file, in + "customer without name" + optional(info) + ")", problems)) {
                return;
            }
        }
        catch (TemplateException ex) {
            problems.add(ex.getMessage() + in + "customer without name" + optional(info) + ")");
            return;
        }
        try {
            RenderedMessage hostile = templates.render(info.name(), channel, samples.hostile(language), LinkRewriter.NONE);
            String all = switch (hostile) {
                case RenderedMessage.Email email -> email.subject() + "\n" + email.html() + "\n" + email.text();
                case RenderedMessage.Sms sms -> sms.body();
            };
            if (all.contains(SampleModels.EVALUATED_MARKER)) {
                problems.add(file + in + "hostile customer): customer data was evaluated as template code "
                        + "(never put customer data into __${...}__ preprocessing or a fragment name)");
            }
            if (hostile instanceof RenderedMessage.Email email && email.html().contains(SampleModels.HOSTILE_MARKUP)) {
                problems.add(file + in + "hostile customer): customer data was printed into the HTML unescaped "
                        + "(use th:text or [[...]], not th:utext or [(...)], for customer data)");
            }
            String text = switch (hostile) {
                case RenderedMessage.Email email -> entryHasOwnText(info) ? email.text() : "";
                case RenderedMessage.Sms sms -> sms.body();
            };
            if (text.contains(HtmlUtils.htmlEscape(SampleModels.HOSTILE_MARKUP))) {
                String textFile = channel == TemplateChannel.EMAIL ? TemplateCatalog.EMAIL_TEXT : TemplateCatalog.SMS;
                problems.add(templates.root().resolve(info.name()).resolve(textFile) + in + "hostile customer): "
                        + "plain text came out HTML-escaped (&amp;, &lt;): in .txt templates print with [(...)] and th:utext");
            }
        }
        catch (TemplateException ex) {
            problems.add(ex.getMessage() + in + "hostile customer)");
        }
    }

    private boolean entryHasOwnText(TemplateInfo info) {
        TemplateCatalog.Entry entry = templates.scan().templates().get(info.name());
        return entry != null && entry.ownText();
    }

    private static String optional(TemplateInfo info) {
        return info.requires().isEmpty() ? ", no cart, order, discount or recommendations"
                : ", only " + info.requires().stream().map(MessageModel.Part::key).toList();
    }

    /** Adds a problem for each message key the rendering did not find; true when there was one. */
    private static boolean absent(RenderedMessage rendered, String file, String in, List<String> problems) {
        String all = switch (rendered) {
            case RenderedMessage.Email email -> email.subject() + "\n" + email.html() + "\n" + email.text();
            case RenderedMessage.Sms sms -> sms.body();
        };
        Matcher missing = ABSENT_MESSAGE.matcher(all);
        boolean any = false;
        while (missing.find()) {
            problems.add(file + in + ": message '" + missing.group(1) + "' is in no messages file for "
                    + Locale.forLanguageTag(missing.group(2).replace('_', '-')).getDisplayName(Locale.ENGLISH)
                    + " nor the default one");
            any = true;
        }
        return any;
    }
}
