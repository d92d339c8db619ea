package dev.boomerang.template;

/**
 * How long an SMS is on the air. Text made only of GSM 03.38 characters goes as GSM-7: 160 septets fit one
 * message, and a longer text is split into segments of 153 (the rest carries the joining header); the extension
 * characters {@code ^ { } \ [ ] ~ | €} and form feed take two septets and are never split across segments.
 * Any other character (ą, ł, an emoji) sends the whole text as UCS-2: 70 UTF-16 units in one message, 67 per
 * segment beyond, a surrogate pair never split. Hand-written: the rule is short, exact and fully tested, and
 * the libraries that have it bring an SMPP stack along.
 *
 * @param encoding GSM-7 or UCS-2
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments messages the carrier bills; 0 for an empty text
 */
public record SmsLength(Encoding encoding, int units, int segments) {

    public enum Encoding {
        GSM_7, UCS_2
    }

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    public static SmsLength of(String text) {
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            gsm = septets(text.charAt(i)) > 0;
        }
        return gsm ? gsm7(text) : ucs2(text);
    }

    private static int septets(char c) {
        if (BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }

    private static SmsLength gsm7(String text) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            total += septets(text.charAt(i));
        }
        if (total <= 160) {
            return new SmsLength(Encoding.GSM_7, total, total == 0 ? 0 : 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = septets(text.charAt(i));
            if (used + width > 153) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new SmsLength(Encoding.GSM_7, total, segments);
    }

    private static SmsLength ucs2(String text) {
        int total = text.length();
        if (total <= 70) {
            return new SmsLength(Encoding.UCS_2, total, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int width = Character.charCount(text.codePointAt(i));
            if (used + width > 67) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new SmsLength(Encoding.UCS_2, total, segments);
    }
}
