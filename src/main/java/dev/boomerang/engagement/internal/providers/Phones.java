package dev.boomerang.engagement.internal.providers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Numbers as the customer module stores them: E.164. Twilio sends international numbers ({@code +48...}); anything
 * that is not one is no number of ours.
 */
final class Phones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    /** The E.164 form of an international number; null when {@code raw} is none. */
    static String e164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(raw.strip(), null);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException ex) {
            return null;
        }
    }
}
