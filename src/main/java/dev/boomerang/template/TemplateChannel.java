package dev.boomerang.template;

import java.util.Locale;

/** What a template renders for: an email (subject, HTML, text) or an SMS (a body). */
public enum TemplateChannel {
    EMAIL, SMS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code email} or {@code sms}, in any case; an unknown name is an {@link IllegalArgumentException}. */
    public static TemplateChannel of(String key) {
        for (TemplateChannel channel : values()) {
            if (channel.key().equalsIgnoreCase(key == null ? "" : key.strip())) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + key + "': use email or sms");
    }
}
