package dev.boomerang.engagement.internal;

import dev.boomerang.delivery.MessageLinks;
import dev.boomerang.template.LinkRewriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The click links and open pixel of one message being rendered. A link gets the next position the first time it
 * is seen; seen again (the HTML and the text part, a logo and a button to the same page) it gets the same one, so
 * the stored rows are the message's distinct links. Used by one rendering at a time.
 */
final class TrackedMessage implements MessageLinks.Tracking {

    /** The width of message_link.url: a longer link is left as it is, untracked, rather than fail the message. */
    static final int MAX_URL = 2000;

    private final long messageId;
    private final LinkTokens tokens;
    private final String base;
    private final Map<String, String> rewritten = new HashMap<>();
    private final List<String> links = new ArrayList<>();

    TrackedMessage(long messageId, LinkTokens tokens, String base) {
        this.messageId = messageId;
        this.tokens = tokens;
        this.base = base;
    }

    @Override
    public long messageId() {
        return messageId;
    }

    @Override
    public LinkRewriter rewriter() {
        return this::rewrite;
    }

    private String rewrite(String url) {
        if (url.length() > MAX_URL || url.startsWith(base + "/")) {
            return url; // too long to store; or one of our own links, already signed
        }
        return rewritten.computeIfAbsent(url, u -> {
            links.add(u);
            return base + "/t/c/" + tokens.clickToken(messageId, links.size() - 1, LinkTargets.hash(u));
        });
    }

    @Override
    public String openPixel() {
        return base + "/t/o/" + tokens.openToken(messageId);
    }

    @Override
    public List<String> links() {
        return List.copyOf(links);
    }
}
