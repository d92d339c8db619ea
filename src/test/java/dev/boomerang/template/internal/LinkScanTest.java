package dev.boomerang.template.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every http(s) link goes through the caller's rewriter, in HTML and in text; the list of originals comes back. */
class LinkScanTest {

    final LinkScan scan = new LinkScan(url -> "https://t.example.com/c?u=" + url.length(),
            List.of("https://boomerang.example.com/unsubscribe/abc"));

    @Test
    void hrefsOfLinksAreRewrittenWhateverTheirQuotingAndEntitiesAreReadAsText() {
        String html = """
                <a href="https://shop.example.com/cart/K1?a=1&amp;b=2" class="x">cart</a>
                <A HREF='http://shop.example.com/p/1'>one</A>
                <a title="t" href=https://shop.example.com/p/2>two</a>
                <area shape="rect" href="https://shop.example.com/map">
                <a href="mailto:hello@shop.example.com">mail</a>
                <a href="https://boomerang.example.com/unsubscribe/abc">unsubscribe</a>
                <img src="https://shop.example.com/img/1.jpg">
                <link href="https://shop.example.com/style.css">
                """;

        String out = scan.html(html);

        assertThat(out).contains("<a href=\"https://t.example.com/c?u=40\" class=\"x\">cart</a>")
            .contains("<A HREF=\"https://t.example.com/c?u=27\">one</A>")
            .contains("<a title=\"t\" href=\"https://t.example.com/c?u=28\">two</a>")
            .contains("<area shape=\"rect\" href=\"https://t.example.com/c?u=28\">")
            .contains("href=\"mailto:hello@shop.example.com\"")
            .contains("href=\"https://boomerang.example.com/unsubscribe/abc\"")
            .contains("src=\"https://shop.example.com/img/1.jpg\"")
            .contains("<link href=\"https://shop.example.com/style.css\">");
        assertThat(scan.found()).containsExactly("https://shop.example.com/cart/K1?a=1&b=2", "http://shop.example.com/p/1",
                "https://shop.example.com/p/2", "https://shop.example.com/map");
    }

    @Test
    void aRewrittenLinkIsEscapedForHtml() {
        LinkScan tricky = new LinkScan(url -> "https://t.example.com/c?a=1&b=\"2\"", List.of());
        assertThat(tricky.html("<a href=\"https://x.example.com\">x</a>"))
            .isEqualTo("<a href=\"https://t.example.com/c?a=1&amp;b=&quot;2&quot;\">x</a>");
    }

    @Test
    void urlsInTextAreRewrittenWithTheirTrailingPunctuationLeftOutside() {
        String text = "Your cart: https://shop.example.com/cart/K1. See (https://shop.example.com/p/1), "
                + "or https://en.example.org/wiki/Coffee_(drink)! Unsubscribe: https://boomerang.example.com/unsubscribe/abc";

        String out = scan.text(text);

        assertThat(out).isEqualTo("Your cart: https://t.example.com/c?u=32. See (https://t.example.com/c?u=28), "
                + "or https://t.example.com/c?u=42! Unsubscribe: https://boomerang.example.com/unsubscribe/abc");
        assertThat(scan.found()).containsExactly("https://shop.example.com/cart/K1", "https://shop.example.com/p/1",
                "https://en.example.org/wiki/Coffee_(drink)");
    }

    @Test
    void theSameLinkInHtmlAndTextIsListedOnce() {
        scan.html("<a href=\"https://shop.example.com/\">shop</a>");
        scan.text("Shop: https://shop.example.com/");
        assertThat(scan.found()).containsExactly("https://shop.example.com/");
    }
}
