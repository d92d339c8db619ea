package dev.boomerang.template.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

/**
 * The texts behind {@code #{...}}: each template folder's {@code messages.properties} (the default language)
 * and {@code messages_pl.properties} etc., falling back to the shared {@code _layouts/messages*.properties}.
 * The folder is that of the template being rendered, also inside its layout, so a layout's {@code #{...}} finds
 * the template's own texts first. A message missing in the customer's language falls back to the default one;
 * one missing everywhere renders as {@code ??key_locale??}, which the startup check refuses.
 */
final class FolderMessages implements IMessageResolver {

    static final String SHARED = "_layouts";

    private final Path root;
    private final boolean cache;
    private final ReloadableResourceBundleMessageSource shared;
    private final Map<String, MessageSource> folders = new ConcurrentHashMap<>();

    FolderMessages(Path root, boolean cache) {
        this.root = root.toAbsolutePath().normalize();
        this.cache = cache;
        this.shared = source(this.root.resolve(SHARED));
    }

    private ReloadableResourceBundleMessageSource source(Path folder) {
        ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
        source.setBasename(folder.resolve("messages").toUri().toString());
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        source.setCacheSeconds(cache ? -1 : 0);
        return source;
    }

    /** The messages of a template folder (a template name such as {@code cart-reminder}). */
    MessageSource folder(String template) {
        return folders.computeIfAbsent(template, name -> {
            Path folder = root.resolve(name);
            if (!Files.isDirectory(folder)) {
                return shared;
            }
            ReloadableResourceBundleMessageSource source = source(folder);
            source.setParentMessageSource(shared);
            return source;
        });
    }

    /** A message of a template in a locale, or null. */
    String message(String template, String key, Locale locale, Object... args) {
        return folder(template).getMessage(key, args, null, locale);
    }

    @Override
    public String getName() {
        return "boomerang-folder-messages";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
        // the first template of the stack is the message template itself; deeper ones are its layouts and fragments
        String first = context.getTemplateStack().getFirst().getTemplate();
        int slash = first.indexOf('/');
        return folder(slash < 0 ? SHARED : first.substring(0, slash)).getMessage(key, messageParameters, null,
                context.getLocale());
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
            Object[] messageParameters) {
        return "??" + key + "_" + context.getLocale() + "??";
    }
}
