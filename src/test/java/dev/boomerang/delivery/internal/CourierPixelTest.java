package dev.boomerang.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the open pixel goes into an email's HTML. */
class CourierPixelTest {

    static final String IMG = "<img src=\"https://b.example/t/o/1.a-x\" width=\"1\" height=\"1\" alt=\"\""
            + " style=\"display:block;border:0;width:1px;height:1px;\">";

    @Test
    void thePixelGoesJustBeforeTheLastClosingBodyTagInAnyCase() {
        String pixel = "https://b.example/t/o/1.a-x";
        assertThat(Courier.withPixel("<html><body><p>Hi</p></body></html>", pixel))
            .isEqualTo("<html><body><p>Hi</p>" + IMG + "</body></html>");
        assertThat(Courier.withPixel("<HTML><BODY>Hi</BODY >\n</HTML>", pixel)).isEqualTo("<HTML><BODY>Hi" + IMG + "</BODY >\n</HTML>");
        assertThat(Courier.withPixel("<body><pre>&lt;/body&gt; </body> quoted</pre></Body></html>", pixel))
            .as("the last one counts").isEqualTo("<body><pre>&lt;/body&gt; </body> quoted</pre>" + IMG + "</Body></html>");
        assertThat(Courier.withPixel("</body>", pixel)).isEqualTo(IMG + "</body>");
    }

    @Test
    void withoutAClosingBodyTagThePixelGoesAtTheEnd() {
        String pixel = "https://b.example/t/o/1.a-x";
        assertThat(Courier.withPixel("<p>Hi</p><bodyguard></bodyx", pixel)).isEqualTo("<p>Hi</p><bodyguard></bodyx" + IMG);
        assertThat(Courier.withPixel("", pixel)).isEqualTo(IMG);
        assertThat(Courier.withPixel("< /body>", pixel)).isEqualTo("< /body>" + IMG);
    }
}
