package dev.boomerang.customer;

/** A channel a customer can be reached on, each with its own consent. */
public enum ContactChannel {
    EMAIL, SMS;

    /** The lower-case name used in columns, files and YAML: {@code email}, {@code sms}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
