package dev.boomerang.template.internal;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.SmsLength;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's reference: the English cart reminder (email HTML and text, and the SMS) written as plain
 * Java string building, the way one would without a template engine: same markup, same texts, same escaping,
 * the links passed through the same rewriter as they are written. {@code RenderBenchmark} checks that it
 * produces what the template produces (whitespace aside) before it measures either.
 */
final class PlainJavaMessages {

    private PlainJavaMessages() {
    }

    private static final class Out {
        final StringBuilder sb;
        final LinkRewriter rewriter;
        final Set<String> links;

        Out(int capacity, LinkRewriter rewriter, Set<String> links) {
            this.sb = new StringBuilder(capacity);
            this.rewriter = rewriter;
            this.links = links;
        }

        Out raw(String s) {
            sb.append(s);
            return this;
        }

        Out text(Object value) {
            escape(sb, String.valueOf(value));
            return this;
        }

        Out link(String url) {
            links.add(url);
            escape(sb, rewriter.rewrite(url));
            return this;
        }

        String plainLink(String url) {
            links.add(url);
            return rewriter.rewrite(url);
        }
    }

    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
    }

    static RenderedMessage.Email cartReminderEmail(MessageModel m, LinkRewriter rewriter) {
        Set<String> links = new LinkedHashSet<>();
        Out o = new Out(12_000, rewriter, links);
        MessageModel.Customer c = m.customer();
        MessageModel.Store store = m.store();
        String subject = c.firstName() != null ? c.firstName() + ", your cart is waiting for you" : "Your cart is waiting for you";
        o.raw("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="UTF-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="color-scheme" content="light only">
                  <title>""").text(subject).raw("""
                </title>
                  <style>
                    body { margin: 0; padding: 0; background: #f4efe9; }
                    a { color: #9a5a2b; }
                    @media (max-width: 620px) {
                      .container { width: 100% !important; }
                      .column { display: block !important; width: 100% !important; }
                    }
                  </style>
                </head>
                <body style="margin:0;padding:0;background:#f4efe9;">
                <div id="preheader"
                     style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;">""")
            .text("The things you picked at " + store.name() + " are set aside for you.").raw("""
                </div>
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4efe9;">
                  <tr>
                    <td align="center" style="padding:24px 12px;">
                      <table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0"
                             style="width:600px;max-width:600px;background:#ffffff;border-radius:10px;overflow:hidden;">
                        <tr>
                          <td style="background:#2b211b;padding:22px 32px;font-family:Georgia,'Times New Roman',serif;">
                            <a href=\"""").link(store.url()).raw("\" style=\"color:#f4efe9;text-decoration:none;font-size:22px;letter-spacing:1px;\">");
        if (store.logoUrl() != null && !store.logoUrl().isEmpty()) {
            o.raw("<img src=\"").text(store.logoUrl()).raw("\" alt=\"").text(store.name())
                .raw("\" height=\"32\" style=\"border:0;display:block;height:32px;\">");
        }
        else {
            o.raw("<span>").text(store.name()).raw("</span>");
        }
        o.raw("""
                </a>
                          </td>
                        </tr>
                        <tr>
                          <td style="padding:32px;font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:24px;color:#2b211b;">
                            <div id="content">
                  <p style="margin:0 0 16px;font-size:18px;">""")
            .text(c.firstName() != null ? "Hi " + c.firstName() + "," : "Hello,")
            .raw("</p>\n  <p style=\"margin:0 0 16px;\">You left a few good things in your cart. We kept them for you, ready when you are.</p>\n")
            .raw("""
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                       style="border-collapse:collapse;margin:8px 0 0;">
                """);
        for (MessageModel.Item item : m.cart().items()) {
            o.raw("<tr style=\"border-bottom:1px solid #eee3d8;\">\n<td width=\"72\" style=\"padding:12px 12px 12px 0;vertical-align:middle;\">\n");
            if (item.imageUrl() != null) {
                o.raw("<a href=\"").link(item.url()).raw("\">\n<img src=\"").text(item.imageUrl()).raw("\" alt=\"").text(item.name())
                    .raw("\" width=\"64\" height=\"64\"\n style=\"display:block;border:0;border-radius:6px;width:64px;height:64px;object-fit:cover;background:#f4efe9;\">\n</a>\n");
            }
            o.raw("</td>\n<td style=\"padding:12px 0;vertical-align:middle;\">\n");
            if (item.url() != null) {
                o.raw("<a href=\"").link(item.url())
                    .raw("\" style=\"color:#2b211b;text-decoration:none;font-weight:bold;\">").text(item.name()).raw("</a>\n");
            }
            else {
                o.raw("<strong>").text(item.name()).raw("</strong>");
            }
            o.raw("<br>\n<span style=\"font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#7d6f64;\">")
                .text(item.quantity() + " × " + item.price()).raw("</span>\n</td>\n")
                .raw("<td align=\"right\" style=\"padding:12px 0;vertical-align:middle;white-space:nowrap;\">").text(item.lineTotal())
                .raw("</td>\n</tr>\n");
        }
        o.raw("""
                <tr>
                  <td></td>
                  <td style="padding:14px 0 0;font-weight:bold;">Total</td>
                  <td align="right" style="padding:14px 0 0;font-weight:bold;white-space:nowrap;">""").text(m.cart().total()).raw("</td>\n</tr>\n</table>\n");
        MessageModel.Discount d = m.discount();
        if (d != null) {
            o.raw("<p style=\"margin:24px 0 0;\">And to make the decision easier, here is something extra:</p>\n").raw("""
                    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">
                      <tr>
                        <td align="center" style="padding:20px;border:2px dashed #9a5a2b;border-radius:8px;background:#fbf5ef;">
                          <div style="font-family:Arial,Helvetica,sans-serif;font-size:13px;letter-spacing:1px;text-transform:uppercase;color:#7d6f64;">Your code</div>
                          <div style="font-family:'Courier New',Courier,monospace;font-size:26px;font-weight:bold;letter-spacing:3px;margin:6px 0;color:#2b211b;">""")
                .text(d.code()).raw("</div>\n<div style=\"font-size:15px;\">").text(d.label() + " off your next order").raw("</div>\n");
            if (d.expires() != null) {
                o.raw("<div style=\"font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#7d6f64;margin-top:4px;\">")
                    .text("Valid until " + d.expires()).raw("</div>\n");
            }
            o.raw("</td>\n</tr>\n</table>\n");
        }
        o.raw("""
                <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">
                  <tr>
                    <td style="background:#9a5a2b;border-radius:6px;">
                      <a href=\"""").link(m.cart().url())
            .raw("\" style=\"display:inline-block;padding:13px 28px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;\">Back to my cart</a>\n</td>\n</tr>\n</table>\n");
        if (store.email() != null && !store.email().isEmpty()) {
            o.raw("<p style=\"margin:0;font-size:14px;color:#7d6f64;\">")
                .text("Questions about an item? Just reply or write to " + store.email() + ".").raw("</p>\n");
        }
        List<MessageModel.Product> products = m.recommendations();
        if (!products.isEmpty()) {
            o.raw("<h2 style=\"margin:32px 0 12px;font-family:Georgia,'Times New Roman',serif;font-size:20px;font-weight:normal;color:#2b211b;\">You might also like</h2>\n")
                .raw("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n");
            for (int row = 0; row * 2 < products.size(); row++) {
                o.raw("<tr>\n");
                for (MessageModel.Product p : products.subList(row * 2, Math.min(row * 2 + 2, products.size()))) {
                    o.raw("<td class=\"column\" width=\"50%\" valign=\"top\" style=\"padding:0 8px 16px 0;\">\n<a href=\"").link(p.url())
                        .raw("\" style=\"text-decoration:none;color:#2b211b;\">\n");
                    if (p.imageUrl() != null) {
                        o.raw("<img src=\"").text(p.imageUrl()).raw("\" alt=\"").text(p.name()).raw("\" width=\"260\"\n")
                            .raw(" style=\"display:block;border:0;border-radius:6px;width:100%;max-width:260px;height:auto;background:#f4efe9;\">\n");
                    }
                    o.raw("<span style=\"display:block;margin-top:8px;font-weight:bold;\">").text(p.name()).raw("</span>\n")
                        .raw("<span style=\"display:block;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#9a5a2b;\">")
                        .text(p.price()).raw("</span>\n</a>\n</td>\n");
                }
                o.raw("</tr>\n");
            }
            o.raw("</table>\n");
        }
        o.raw("""
                </div>
                          </td>
                        </tr>
                        <tr>
                          <td style="padding:22px 32px;background:#faf7f3;border-top:1px solid #eee3d8;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#7d6f64;">
                            <p style="margin:0 0 8px;">""")
            .text("You are receiving this email because you shop at " + store.name() + " and agreed to hear from us.")
            .raw("</p>\n<p style=\"margin:0 0 8px;\">\n<a href=\"").text(m.links().unsubscribe())
            .raw("\" style=\"color:#7d6f64;\">Unsubscribe</a>\n&nbsp;&middot;&nbsp;\n<a href=\"").text(m.links().preferences())
            .raw("\" style=\"color:#7d6f64;\">Email preferences</a>\n</p>\n<p style=\"margin:0;\"><span>").text(store.name()).raw("</span>");
        if (store.address() != null && !store.address().isEmpty()) {
            o.raw(" &middot; <span>").text(store.address()).raw("</span>");
        }
        o.raw("""
                </p>
                          </td>
                        </tr>
                      </table>
                    </td>
                  </tr>
                </table>
                </body>
                </html>
                """);
        String html = o.sb.toString();
        return new RenderedMessage.Email(subject, html, cartReminderText(m, o), new ArrayList<>(links));
    }

    private static String cartReminderText(MessageModel m, Out html) {
        StringBuilder t = new StringBuilder(1_500);
        MessageModel.Customer c = m.customer();
        t.append(c.firstName() != null ? "Hi " + c.firstName() + "," : "Hello,").append("\n\n")
            .append("You left a few good things in your cart. We kept them for you, ready when you are.\n\n");
        for (MessageModel.Item item : m.cart().items()) {
            t.append("- ").append(item.name()).append(": ").append(item.quantity()).append(" × ").append(item.price())
                .append(" = ").append(item.lineTotal()).append('\n');
        }
        t.append("Total: ").append(m.cart().total()).append('\n');
        MessageModel.Discount d = m.discount();
        if (d != null) {
            t.append("\nAnd to make the decision easier, here is something extra:\n    Your code: ").append(d.code())
                .append("\n    ").append(d.label()).append(" off your next order");
            if (d.expires() != null) {
                t.append("\n    Valid until ").append(d.expires());
            }
            t.append('\n');
        }
        t.append("\nBack to my cart: ").append(html.plainLink(m.cart().url())).append('\n');
        if (!m.recommendations().isEmpty()) {
            t.append("\nYou might also like:\n");
            for (MessageModel.Product p : m.recommendations()) {
                t.append("- ").append(p.name()).append(", ").append(p.price()).append(": ").append(html.plainLink(p.url())).append('\n');
            }
        }
        MessageModel.Store store = m.store();
        t.append("\n--\nYou are receiving this email because you shop at ").append(store.name())
            .append(" and agreed to hear from us.\nUnsubscribe: ").append(m.links().unsubscribe())
            .append("\nEmail preferences: ").append(m.links().preferences()).append('\n').append(store.name());
        if (store.address() != null && !store.address().isEmpty()) {
            t.append(" · ").append(store.address());
        }
        return t.append('\n').toString();
    }

    static RenderedMessage.Sms cartReminderSms(MessageModel m, LinkRewriter rewriter) {
        String name = m.customer().firstName() != null ? m.customer().firstName() : "Hi";
        String url = m.cart().url();
        String body = m.discount() == null
                ? m.store().name() + ": " + name + ", your cart (" + m.cart().total() + ") is still waiting for you: "
                        + rewriter.rewrite(url) + " Reply STOP to opt out."
                : m.store().name() + ": " + name + ", your cart is waiting: " + rewriter.rewrite(url) + " Use code "
                        + m.discount().code() + " for " + m.discount().label() + " off. Reply STOP to opt out.";
        return new RenderedMessage.Sms(body, SmsLength.of(body), List.of(url));
    }

    /** Whitespace runs as one space and none between tags: how the two outputs are compared. */
    static String normalized(String s) {
        return s.replaceAll("\\s+", " ").replace("> <", "><").strip();
    }
}
