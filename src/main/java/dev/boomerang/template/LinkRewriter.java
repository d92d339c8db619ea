package dev.boomerang.template;

/**
 * Replaces each http(s) link of a message being rendered for sending, in its HTML and its text: the engagement
 * module passes one that returns signed click-tracking URLs. It sees every link once per occurrence, already
 * unescaped ({@code &amp;} read as {@code &}); what it returns is escaped again where HTML needs it. The
 * unsubscribe and preferences links of the model are never passed to it: they must work directly.
 */
@FunctionalInterface
public interface LinkRewriter {

    /** Leaves every link as it is (previews, tests). */
    LinkRewriter NONE = url -> url;

    String rewrite(String url);
}
