package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Discount;
import java.security.SecureRandom;

/** The code a message carries: the campaign's shared one, or a unique one of its own. */
final class DiscountCodes {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

    private DiscountCodes() {
    }

    /** Null without a discount; the shared code when the definition names one; else 10 random characters. */
    static String code(Discount discount, SecureRandom random) {
        if (discount == null) {
            return null;
        }
        if (discount.code() != null) {
            return discount.code();
        }
        char[] code = new char[10]; // 50 bits: a guess hits one of a million live codes once in 10^9 tries
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }
}
