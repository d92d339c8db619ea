package dev.boomerang.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.template.SmsLength.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Segment counting as carriers bill it: GSM-7 160/153 with double-width extension characters, UCS-2 70/67. */
class SmsLengthTest {

    @ParameterizedTest(name = "{0} GSM-7 characters: {1} segment(s)")
    @CsvSource({ "0, 0", "1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4" })
    void plainTextFitsOneHundredSixtyThenOneHundredFiftyThreePerSegment(int length, int segments) {
        SmsLength sms = SmsLength.of("a".repeat(length));
        assertThat(sms).isEqualTo(new SmsLength(Encoding.GSM_7, length, segments));
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(SmsLength.of("€".repeat(80))).isEqualTo(new SmsLength(Encoding.GSM_7, 160, 1));
        assertThat(SmsLength.of("€".repeat(80) + "a")).isEqualTo(new SmsLength(Encoding.GSM_7, 161, 2));
        assertThat(SmsLength.of("^{}\\[~]|")).isEqualTo(new SmsLength(Encoding.GSM_7, 16, 1));
    }

    @Test
    void anExtensionCharacterIsNeverSplitAcrossSegments() {
        // 152 septets, then a two-septet character that does not fit the first segment's 153
        SmsLength sms = SmsLength.of("a".repeat(152) + "€" + "a".repeat(10));
        assertThat(sms.units()).isEqualTo(164);
        assertThat(sms.segments()).isEqualTo(2);
        // 305 septets and a two-septet character: 153 + 152, the € goes into a third segment
        assertThat(SmsLength.of("a".repeat(305) + "€").segments()).isEqualTo(3);
        assertThat(SmsLength.of("a".repeat(304) + "€").segments()).isEqualTo(2);
    }

    @Test
    void theWholeGsmBasicSetStaysGsm7() {
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
                + "abcdefghijklmnopqrstuvwxyzäöñüà";
        assertThat(basic).hasSize(127);
        assertThat(SmsLength.of(basic)).isEqualTo(new SmsLength(Encoding.GSM_7, 127, 1));
    }

    @ParameterizedTest(name = "{0} UCS-2 units: {1} segment(s)")
    @CsvSource({ "70, 1", "71, 2", "134, 2", "135, 3" })
    void oneCharacterOutsideGsmMakesItUcs2SeventyThenSixtySevenPerSegment(int length, int segments) {
        SmsLength sms = SmsLength.of("ł" + "a".repeat(length - 1));
        assertThat(sms).isEqualTo(new SmsLength(Encoding.UCS_2, length, segments));
    }

    @Test
    void anEmojiTakesTwoUnitsAndIsNeverSplit() {
        assertThat(SmsLength.of("☕")).isEqualTo(new SmsLength(Encoding.UCS_2, 1, 1));
        assertThat(SmsLength.of("😀").units()).isEqualTo(2);
        // 66 units, then an emoji (2 units) that would straddle the 67-unit boundary: it opens the second segment
        assertThat(SmsLength.of("ą".repeat(66) + "😀" + "ą".repeat(65)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("ą".repeat(66) + "😀" + "ą".repeat(66)).segments()).isEqualTo(3);
    }
}
