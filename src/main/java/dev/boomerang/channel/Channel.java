package dev.boomerang.channel;

import java.util.Locale;

/** A way to reach a customer; each channel has one adapter selected in configuration. */
public enum Channel {
    EMAIL, SMS;

    /** The lower-case name used in configuration and files: {@code email}, {@code sms}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
