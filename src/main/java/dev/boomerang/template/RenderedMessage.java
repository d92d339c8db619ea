package dev.boomerang.template;

import java.util.List;

/**
 * A message rendered for one customer. {@code links} are the original http(s) links it contains, in order of
 * first appearance, before any rewriting (the unsubscribe and preferences links excluded).
 */
public sealed interface RenderedMessage {

    List<String> links();

    /** An email: the subject (the template's {@code <title>}), the HTML and the plain-text alternative. */
    record Email(String subject, String html, String text, List<String> links) implements RenderedMessage {
        public Email {
            links = List.copyOf(links);
        }
    }

    /** An SMS body (with the opt-out sentence where policy asks for it) and its length in segments. */
    record Sms(String body, SmsLength length, List<String> links) implements RenderedMessage {
        public Sms {
            links = List.copyOf(links);
        }

        public int segments() {
            return length.segments();
        }
    }
}
