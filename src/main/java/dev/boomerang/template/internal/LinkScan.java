package dev.boomerang.template.internal;

import dev.boomerang.template.LinkRewriter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Finds the http(s) links of a rendered message and passes each through the caller's {@link LinkRewriter}: in
 * HTML the {@code href} of every {@code <a>} and {@code <area>} (quoted either way or not at all, entities
 * unescaped before and escaped after), in text every URL (trailing punctuation left outside). Works on the
 * output rather than inside Thymeleaf so that links written literally and links made by expressions are
 * treated alike, in one pass over the text.
 */
final class LinkScan {

    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?'\")]}>";

    private final LinkRewriter rewriter;
    private final Set<String> untouched;
    private final Set<String> found = new LinkedHashSet<>();

    /** {@code untouched}: links left as they are and not reported (the unsubscribe and preferences links). */
    LinkScan(LinkRewriter rewriter, Collection<String> untouched) {
        this.rewriter = rewriter;
        this.untouched = Set.copyOf(untouched);
    }

    /** The original links seen so far, in order of first appearance. */
    Set<String> found() {
        return found;
    }

    String html(String html) {
        StringBuilder out = null;
        int copied = 0;
        int at = 0;
        // a hand scan rather than a regular expression: it is a tenth of the time of rendering an email otherwise
        while ((at = html.indexOf('<', at)) >= 0) {
            int name = linkTagNameEnd(html, at + 1);
            if (name < 0) {
                at++;
                continue;
            }
            int close = html.indexOf('>', name);
            if (close < 0) {
                break;
            }
            int[] href = href(html, name, close);
            at = close + 1;
            if (href == null) {
                continue;
            }
            String url = HtmlUtils.htmlUnescape(html.substring(href[1], href[2]).strip());
            String replacement = replace(url);
            if (replacement == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(html.length() + 256);
            }
            out.append(html, copied, href[0]).append('"').append(HtmlUtils.htmlEscape(replacement)).append('"');
            copied = href[3];
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    /** Where the name of an {@code a} or {@code area} tag starting at {@code i} ends (at whitespace), or -1. */
    private static int linkTagNameEnd(String html, int i) {
        int end = html.regionMatches(true, i, "area", 0, 4) ? i + 4 : html.regionMatches(true, i, "a", 0, 1) ? i + 1 : -1;
        return end > 0 && end < html.length() && Character.isWhitespace(html.charAt(end)) ? end : -1;
    }

    /**
     * The href attribute between {@code from} and {@code to}: the value's start (at its quote, if any), the
     * text's start and end, and the value's end (after its quote); or null.
     */
    private static int[] href(String html, int from, int to) {
        for (int i = html.indexOf('=', from); i >= 0 && i < to; i = html.indexOf('=', i + 1)) {
            int name = i;
            while (name > from && Character.isWhitespace(html.charAt(name - 1))) {
                name--;
            }
            if (name - 4 <= from || !html.regionMatches(true, name - 4, "href", 0, 4)
                    || !Character.isWhitespace(html.charAt(name - 5))) {
                continue;
            }
            int value = i + 1;
            while (value < to && Character.isWhitespace(html.charAt(value))) {
                value++;
            }
            if (value >= to) {
                return null;
            }
            char quote = html.charAt(value);
            if (quote == '"' || quote == '\'') {
                int end = html.indexOf(quote, value + 1);
                return end < 0 || end > to ? null : new int[] { value, value + 1, end, end + 1 };
            }
            int end = value;
            while (end < to && !Character.isWhitespace(html.charAt(end))) {
                end++;
            }
            return new int[] { value, value, end, end };
        }
        return null;
    }

    String text(String text) {
        Matcher url = TEXT_URL.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (url.find()) {
            String link = withoutTrailingPunctuation(url.group());
            String replacement = replace(link);
            if (replacement == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 256);
            }
            out.append(text, copied, url.start()).append(replacement);
            copied = url.start() + link.length();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The new link, or null to leave this one alone. */
    private String replace(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || untouched.contains(url)) {
            return null;
        }
        found.add(url);
        String rewritten = rewriter.rewrite(url);
        return rewritten == null ? url : rewritten;
    }

    /** "see https://x.com/a." links to https://x.com/a; a closing bracket stays when the URL opened one. */
    private static String withoutTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
            char c = url.charAt(end - 1);
            if (c == ')' && count(url, '(', end) > count(url, ')', end - 1)) {
                break;
            }
            end--;
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
