package dev.boomerang.customer;

import java.util.Locale;

/** Where a cart stands, as the store reports it (an empty snapshot makes it {@link #EMPTIED}). */
public enum CartStatus {
    OPEN, ABANDONED, CONVERTED, EMPTIED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CartStatus fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
