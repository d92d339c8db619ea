package dev.boomerang.channel.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable (RFC 2045 section 6.7) from a text to bytes in one pass over a byte array: printable ASCII
 * as it is, '=' and everything else as =XX, spaces and tabs before a line break encoded, the text's own line
 * breaks as CRLF, and soft line breaks so that no line is longer than 76 characters. Hand-written because the
 * encoders at hand (Jakarta Mail's, commons-codec's) go a byte at a time through streams or do not keep the
 * text's line breaks, and the SMTP adapter encodes every message it sends.
 */
final class QuotedPrintable {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 76;
    /** Bytes that stand for themselves anywhere on a line: printable ASCII but '=' (spaces and tabs depend on what follows). */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            PLAIN[b] = b != '=';
        }
    }

    private QuotedPrintable() {
    }

    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(text, out);
        return out.toByteArray();
    }

    /** Writes the text, encoded, to {@code to}. */
    static void encode(String text, ByteArrayOutputStream to) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        // every byte becomes at most 3 (=XX) and every soft break (3: "=" CRLF) follows at least 73 of them on its
        // line; a text's own line break (1 or 2 bytes) becomes 2
        byte[] out = new byte[in.length * 3 + in.length * 9 / 73 + 16];
        int n = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            // most of a message: a plain byte with room on the line for it and a soft break after it
            if (PLAIN[b] && column < MAX_LINE - 1) {
                out[n++] = (byte) b;
                column++;
                continue;
            }
            if (b == '\n' || b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                if (b == '\r') {
                    i++;
                }
                out[n++] = '\r';
                out[n++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEndsNext = i + 1 == in.length || in[i + 1] == '\n' || in[i + 1] == '\r';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !lineEndsNext;
            int width = literal ? 1 : 3;
            // room for the character and, unless the line ends right after it, a soft break's '='
            if (column + width > (lineEndsNext ? MAX_LINE : MAX_LINE - 1)) {
                out[n++] = '=';
                out[n++] = '\r';
                out[n++] = '\n';
                column = 0;
            }
            if (literal) {
                out[n++] = (byte) b;
            }
            else {
                out[n++] = '=';
                out[n++] = HEX[b >> 4];
                out[n++] = HEX[b & 0xf];
            }
            column += width;
        }
        to.write(out, 0, n);
    }
}
