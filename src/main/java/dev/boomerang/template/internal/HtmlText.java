package dev.boomerang.template.internal;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text alternative of an email whose template has no {@code email.txt}: the rendered HTML read the
 * way a person would read it. Blocks become lines, headings stand apart, list items get a dash, a link keeps
 * its URL after its text, an image its alt text; hidden elements (the preheader), styles and scripts are left
 * out. jsoup parses; the walk is ours.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "table", "tr", "ul", "ol", "li", "h1", "h2", "h3",
            "h4", "h5", "h6", "blockquote", "section", "article", "header", "footer", "main", "hr", "center");
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title");

    private HtmlText() {
    }

    static String of(String html) {
        StringBuilder out = new StringBuilder(html.length() / 3);
        Element body = Jsoup.parse(html).body();
        NodeTraversor.traverse(new NodeVisitor() {
            private int skipping;

            @Override
            public void head(Node node, int depth) {
                if (skipping > 0 || node instanceof Element e && (skipped(e) || imageOnlyLink(e))) {
                    if (node instanceof Element) {
                        skipping++;
                    }
                    return;
                }
                if (node instanceof TextNode text) {
                    appendWords(out, text.text());
                }
                else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("br")) {
                        out.append('\n');
                    }
                    else if (block(e)) {
                        newline(out, tag.startsWith("h") && tag.length() == 2 || tag.equals("p") ? 2 : 1);
                        if (tag.equals("li")) {
                            out.append("- ");
                        }
                    }
                    else if (tag.equals("td") || tag.equals("th")) {
                        appendWords(out, " ");
                    }
                    else if (tag.equals("img") && !e.attr("alt").isBlank() && e.closest("a") == null) {
                        appendWords(out, e.attr("alt"));
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && skipping > 0) {
                    skipping--;
                    return;
                }
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    String href = e.attr("href");
                    if (tag.equals("a") && href.matches("(?i)https?://.*") && !e.text().strip().equals(href)) {
                        appendWords(out, " (" + href + ")");
                    }
                    if (block(e)) {
                        newline(out, tag.startsWith("h") && tag.length() == 2 || tag.equals("p") ? 2 : 1);
                    }
                }
            }
        }, body);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private static boolean block(Element e) {
        return BLOCKS.contains(e.normalName()) || e.attr("style").replace(" ", "").contains("display:block");
    }

    /** A link around an image and nothing else: the text version has the same link next to it, with words. */
    private static boolean imageOnlyLink(Element e) {
        return e.normalName().equals("a") && e.text().isBlank();
    }

    private static boolean skipped(Element e) {
        String style = e.attr("style").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        return SKIPPED.contains(e.normalName()) || style.contains("display:none") || e.hasAttr("hidden");
    }

    private static void appendWords(StringBuilder out, String words) {
        String collapsed = words.replaceAll("\\s+", " ");
        if (collapsed.isBlank()) {
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                out.append(' ');
            }
            return;
        }
        if (collapsed.startsWith(" ") && (out.isEmpty() || out.charAt(out.length() - 1) == '('  || out.charAt(out.length() - 1) == ' '
                || out.charAt(out.length() - 1) == '\n')) {
            collapsed = collapsed.substring(1);
        }
        out.append(collapsed);
    }

    private static void newline(StringBuilder out, int lines) {
        int trailing = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            trailing++;
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        for (int i = trailing; i < lines && !out.isEmpty(); i++) {
            out.append('\n');
        }
    }
}
