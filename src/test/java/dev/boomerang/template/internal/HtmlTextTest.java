package dev.boomerang.template.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text version of an email without email.txt reads like the HTML, without its markup and hidden parts. */
class HtmlTextTest {

    @Test
    void blocksBecomeLinesLinksKeepTheirUrlAndHiddenPartsAreLeftOut() {
        String html = """
                <html><head><title>Subject</title><style>p { color: red }</style></head><body>
                <div style="display: none">preheader</div>
                <h1>Hello   Anna</h1>
                <p>Your <b>cart</b> is waiting: <a href="https://shop.example.com/cart">back to it</a>.</p>
                <ul><li>Sencha &amp; Oolong</li><li>Mug</li></ul>
                <a href="https://shop.example.com/p/1"><img src="x.jpg" alt="Sencha"></a>
                <p>Line one<br>line two</p>
                </body></html>
                """;

        assertThat(HtmlText.of(html)).isEqualTo("""
                Hello Anna

                Your cart is waiting: back to it (https://shop.example.com/cart).

                - Sencha & Oolong
                - Mug

                Line one
                line two
                """);
    }
}
