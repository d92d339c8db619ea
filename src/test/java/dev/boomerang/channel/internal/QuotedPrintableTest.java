package dev.boomerang.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quoted-printable encoder: RFC 2045's rules, and Jakarta Mail's decoder gets the text back. */
class QuotedPrintableTest {

    static String encoded(String text) {
        return new String(QuotedPrintable.encode(text), StandardCharsets.US_ASCII);
    }

    static String decoded(String qp) throws Exception {
        return new String(MimeUtility.decode(new ByteArrayInputStream(qp.getBytes(StandardCharsets.US_ASCII)),
                "quoted-printable").readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void printableAsciiStaysEqualsAndOthersAreEncoded() {
        assertThat(encoded("a=b ż")).isEqualTo("a=3Db =C5=BC");
        assertThat(encoded("")).isEmpty();
    }

    @Test
    void spaceBeforeALineBreakIsEncodedAndLineBreaksBecomeCrlf() {
        assertThat(encoded("one \ntwo\t\r\nthree ")).isEqualTo("one=20\r\ntwo=09\r\nthree=20");
    }

    @Test
    void aLongLineOfTextThatIsAllEncodedFits() throws Exception {
        // every byte three characters and a soft break every 25 bytes: the worst case for the output's size
        for (String text : new String[] { "ż".repeat(2000), "=".repeat(5000), "Привет мир ".repeat(500) }) {
            assertThat(decoded(encoded(text))).isEqualTo(text);
        }
    }

    @Test
    void noLineIsLongerThanSeventySixCharacters() {
        String qp = encoded("x".repeat(200) + "\n" + "ą".repeat(60));
        for (String line : qp.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
        assertThat(qp).contains("=\r\n");
    }

    @Test
    void aLineBreaksSoftlyOnlyWhereItWouldPassSeventySixCharacters() {
        assertThat(encoded("x".repeat(76))).as("a last line may use all 76").isEqualTo("x".repeat(76));
        assertThat(encoded("x".repeat(76) + "\n")).isEqualTo("x".repeat(76) + "\r\n");
        assertThat(encoded("x".repeat(77))).as("else 75 and the soft break's '='").isEqualTo("x".repeat(75) + "=\r\nxx");
        assertThat(encoded("x".repeat(74) + "=y")).isEqualTo("x".repeat(74) + "=\r\n=3Dy");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Cześć Anna,\nTwój koszyk czeka: https://shop.example.com/cart/K1?a=1&b=2\n",
        "<p style=\"margin:0\">=== ☕ 😀 </p>\n\n  indented\n.\n..dot\n", "x", "long word word word word word word word word word word word word word word word word word word word word word" })
    void jakartaMailDecodesWhatItEncodes(String text) throws Exception {
        assertThat(decoded(encoded(text))).isEqualTo(text.replace("\r\n", "\n").replace("\n", "\r\n"));
    }
}
