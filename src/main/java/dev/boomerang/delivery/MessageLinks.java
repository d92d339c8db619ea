package dev.boomerang.delivery;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import java.util.List;

/**
 * The per-message links a sender needs, signed for the message so they work without a login and cannot be forged
 * for another customer: one-click unsubscribe and preferences, and for an email its tracked links and open pixel.
 * The engagement module implements it.
 */
public interface MessageLinks {

    MessageModel.Links forMessage(long messageId);

    /** Click and open tracking for one email about to be rendered: a fresh one per rendering. */
    Tracking tracking(long messageId);

    /**
     * Stores the tracked links of rendered messages (replacing what an earlier rendering of the same message
     * stored), all in one go: a click finds its target only once stored, so call it before any of them is sent.
     */
    void store(List<Tracking> rendered);

    /**
     * The tracking of one message. Pass {@link #rewriter()} to the renderer: it turns each http(s) link into a
     * signed click link naming the message and the link's position (the same link twice has one position); put
     * {@link #openPixel()} into the HTML; then {@link MessageLinks#store} it.
     */
    interface Tracking {

        long messageId();

        LinkRewriter rewriter();

        /** The URL of the message's 1x1 open-tracking image. */
        String openPixel();

        /** The links the rewriter turned into click links so far, by position. */
        List<String> links();
    }
}
