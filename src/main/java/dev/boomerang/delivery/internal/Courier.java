package dev.boomerang.delivery.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.ChannelDispatcher;
import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.channel.OutboundMessage;
import dev.boomerang.delivery.Discount;
import dev.boomerang.delivery.MessageLinks;
import dev.boomerang.delivery.MessageStatus;
import dev.boomerang.delivery.SendPlans;
import dev.boomerang.delivery.Sending;
import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.MessageModels;
import dev.boomerang.template.MessageTemplates;
import dev.boomerang.template.ModelRequest;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.TemplateException;
import dev.boomerang.template.TemplateInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders and sends windows of messages, each message on its own virtual thread (the channel's rate and
 * concurrency limits and the campaign's own rate hold them back), and turns each receipt into the ledger's
 * outcome. A window is rendered whole first ({@link #render}, which a run does for the next window while the
 * current one is sent); then ({@link #deliver}) its emails' tracked links are stored in one batch and only then
 * is it sent: a click must find its link, and one batch a window keeps the database out of the way. Never throws
 * for one message: whatever happens to it becomes its outcome.
 */
@Component
class Courier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);
    private static final Duration LINKS_RETRY = Duration.ofMinutes(1);

    private final MessageModels models;
    private final MessageTemplates templates;
    private final ChannelDispatcher channels;
    private final MessageLinks links;
    private final CampaignRates rates;
    private final Clock clock;
    private final SendPlans plans;
    private final Ledger ledger;
    private final BounceNotices bounces;
    /**
     * Rendering is CPU work, so it runs on platform threads, one per core, not on virtual threads: a virtual thread
     * keeps its carrier until it blocks, so a window of renders on the carriers held back every send waiting for its
     * SMTP server's answer (measured: 8 connections, 5 of them idle behind renders at any moment, a third of the 2
     * cores unused). The operating system shares the cores between these threads and the carriers instead.
     */
    private final ExecutorService renderers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().name("render-", 0).daemon().factory());

    Courier(MessageModels models, MessageTemplates templates, ChannelDispatcher channels, MessageLinks links,
            CampaignRates rates, Clock clock, SendPlans plans, Ledger ledger, BounceNotices bounces) {
        this.plans = plans;
        this.ledger = ledger;
        this.bounces = bounces;
        this.models = models;
        this.templates = templates;
        this.channels = channels;
        this.links = links;
        this.rates = rates;
        this.clock = clock;
    }

    /** Renders a window, stores its links and sends it. */
    List<Ledger.Outcome> send(Sending sending, List<Ledger.Pending> messages, Instant now) {
        return deliver(sending, render(sending, messages, now));
    }

    /**
     * Sends claimed messages that waited (deferred, retried, left planned), grouped by {@link #byStep}, as their
     * campaign or flow step is defined now; records their outcomes. A step no longer defined fails its messages.
     * Returns how many it sent or tried to.
     */
    int sendAsDefined(Map<List<String>, List<Ledger.Pending>> claimed) {
        int sent = 0;
        for (var step : claimed.entrySet()) {
            Optional<Sending> sending = plans.sending(step.getKey().get(0), step.getKey().get(1));
            List<Ledger.Pending> messages = step.getValue();
            if (sending.isEmpty()) {
                ledger.complete(messages.stream().map(m -> new Ledger.Outcome(m.id(), MessageStatus.FAILED,
                        "campaign-removed", "the campaign or flow step is no longer defined", null, null, null)).toList(),
                        clock.instant());
                continue;
            }
            List<Ledger.Outcome> outcomes = send(sending.get(), messages, clock.instant());
            ledger.complete(outcomes, clock.instant());
            bounces.recorded(outcomes, clock.instant());
            sent += messages.size();
        }
        return sent;
    }

    /** Messages grouped by campaign (or flow) and step, in the order given. */
    static Map<List<String>, List<Ledger.Pending>> byStep(List<Ledger.Pending> messages) {
        Map<List<String>, List<Ledger.Pending>> grouped = new LinkedHashMap<>();
        for (Ledger.Pending message : messages) {
            grouped.computeIfAbsent(List.of(message.campaignId(), message.step()), k -> new ArrayList<>()).add(message);
        }
        return grouped;
    }

    /** A window of messages rendered (or already finished: a customer gone, a template failing), in order. */
    record Window(List<Prepared> messages) {

        /** The messages of the window that were claimed (another node may have taken the rest). */
        Window only(Set<Long> claimed) {
            return new Window(messages.stream().filter(p -> claimed.contains(p.message().id())).toList());
        }
    }

    @Override
    public void close() {
        renderers.shutdown(); // renders under way finish; a window rendered after this fails before it is claimed
    }

    /** Renders every message of a window concurrently; reads nothing but the models, writes nothing. */
    Window render(Sending sending, List<Ledger.Pending> messages, Instant now) {
        if (messages.isEmpty()) {
            return new Window(List.of());
        }
        boolean withCart = sending.variants().stream()
            .map(v -> templates.template(v.template()))
            .anyMatch(t -> t.map(TemplateInfo::requires).orElseGet(Set::of).contains(MessageModel.Part.CART));
        ModelRequest request = new ModelRequest(new MessageModel.Campaign(sending.campaignId(), sending.name()),
                offer(sending.discount(), now), withCart);
        Map<Long, MessageModel> byCustomer = models.forCustomers(messages.stream()
            .filter(m -> m.cartExternalId() == null).map(Ledger.Pending::customerId).toList(), request);
        List<Prepared> window = new ArrayList<>(messages.size());
        List<Future<Prepared>> renders = new ArrayList<>(messages.size());
        for (Ledger.Pending message : messages) {
            // a journey's message is about its own cart (few: flows send one message at a time per journey)
            MessageModel model = message.cartExternalId() == null ? byCustomer.get(message.customerId())
                    : models.forCart(message.cartExternalId(), request).filter(m -> cartOf(m, message)).orElse(null);
            renders.add(renderers.submit(() -> prepare(sending, message, model)));
        }
        for (int i = 0; i < renders.size(); i++) {
            window.add(prepared(messages.get(i), renders.get(i)));
        }
        return new Window(window);
    }

    /**
     * Stores the window's tracked links in one batch (every click link must lead somewhere before the first message
     * of the window goes), then sends its messages concurrently; returns every message's outcome, in order.
     */
    List<Ledger.Outcome> deliver(Sending sending, Window rendered) {
        List<Prepared> window = stored(rendered.messages());
        List<Ledger.Outcome> outcomes = new ArrayList<>(window.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Ledger.Outcome>> sends = new ArrayList<>(window.size());
            for (Prepared prepared : window) {
                sends.add(prepared.outbound() == null ? CompletableFuture.completedFuture(prepared.outcome())
                        : threads.submit(() -> {
                            rates.acquire(sending);
                            return outcome(prepared.message().id(), channels.send(prepared.outbound()));
                        }));
            }
            for (int i = 0; i < sends.size(); i++) {
                outcomes.add(outcome(window.get(i).message(), sends.get(i)));
            }
        }
        return outcomes;
    }

    /** A message rendered and ready to go (outbound, and its tracking for an email), or already finished (outcome). */
    record Prepared(Ledger.Pending message, OutboundMessage outbound, MessageLinks.Tracking tracking,
            Ledger.Outcome outcome) {

        static Prepared done(Ledger.Outcome outcome, Ledger.Pending message) {
            return new Prepared(message, null, null, outcome);
        }
    }

    /** The cart still belongs to the message's customer (a store may move a cart to the account that logged in). */
    private static boolean cartOf(MessageModel model, Ledger.Pending message) {
        return model.customer().id() == message.customerId();
    }

    private Prepared prepare(Sending sending, Ledger.Pending message, MessageModel model) {
        if (model == null) {
            return Prepared.done(failed(message, "customer-gone", "the customer was erased before the message went"),
                    message);
        }
        MessageModel personal = model.withLinks(links.forMessage(message.id()));
        if (message.discountCode() != null && personal.discount() != null) {
            MessageModel.Discount d = personal.discount();
            personal = personal.withDiscount(new MessageModel.Discount(message.discountCode(), d.percent(), d.amount(),
                    d.label(), d.expiresOn(), d.expires()));
        }
        String id = "m" + message.id();
        try {
            if (sending.channel() == Channel.EMAIL) {
                if (personal.customer().email() == null) {
                    return Prepared.done(failed(message, "unreachable", "no address on the channel any more"), message);
                }
                MessageLinks.Tracking tracking = links.tracking(message.id());
                return new Prepared(message, email(id, message.template(), personal, tracking), tracking, null);
            }
            if (personal.customer().phone() == null) {
                return Prepared.done(failed(message, "unreachable", "no address on the channel any more"), message);
            }
            RenderedMessage.Sms sms = templates.sms(message.template(), personal, LinkRewriter.NONE);
            return new Prepared(message, new OutboundMessage.Sms(id, personal.customer().phone(), sms.body()), null, null);
        }
        catch (TemplateException ex) {
            return Prepared.done(failed(message, "render-failed", ex.getMessage()), message);
        }
    }

    /** An email with its links tracked, the open pixel, and the one-click unsubscribe target for its headers. */
    private OutboundMessage.Email email(String id, String template, MessageModel model, MessageLinks.Tracking tracking) {
        RenderedMessage.Email email = templates.email(template, model, tracking.rewriter());
        URI unsubscribe = URI.create(model.links().unsubscribe());
        return new OutboundMessage.Email(id, model.customer().email(), email.subject(),
                withPixel(email.html(), tracking.openPixel()), email.text(),
                "https".equalsIgnoreCase(unsubscribe.getScheme()) ? unsubscribe : null);
    }

    /** The open pixel as the last thing in the body (before {@code </body>}, or at the end without one). */
    static String withPixel(String html, String pixelUrl) {
        String img = "<img src=\"" + HtmlUtils.htmlEscape(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;border:0;width:1px;height:1px;\">";
        int body = lastBodyEnd(html);
        return body < 0 ? html + img : html.substring(0, body) + img + html.substring(body);
    }

    /**
     * Where the last {@code </body>} tag starts (in any case, with or without space before its '>'), or -1.
     * Searched backwards from tag to tag: lower-casing the whole page to find it was 6% of a campaign's CPU in the
     * JVM (bench/campaign.sh, JFR).
     */
    private static int lastBodyEnd(String html) {
        for (int i = html.lastIndexOf('<'); i >= 0; i = html.lastIndexOf('<', i - 1)) {
            if (html.regionMatches(true, i, "</body", 0, 6) && (i + 6 == html.length() || html.charAt(i + 6) == '>'
                    || html.charAt(i + 6) == '/' || Character.isWhitespace(html.charAt(i + 6)))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Stores the tracked links of the window in one batch. If they cannot be stored nothing of the window is sent:
     * its emails are tried again a minute later.
     */
    private List<Prepared> stored(List<Prepared> window) {
        List<MessageLinks.Tracking> tracked = window.stream().map(Prepared::tracking).filter(Objects::nonNull).toList();
        if (tracked.isEmpty()) {
            return window;
        }
        try {
            links.store(tracked);
            return window;
        }
        catch (RuntimeException ex) {
            log.warn("Could not store the links of {} email(s); they are retried in a minute: {}", tracked.size(),
                    ex.toString());
            Instant later = clock.instant().plus(LINKS_RETRY);
            return window.stream().map(p -> p.tracking() == null ? p : Prepared.done(new Ledger.Outcome(
                    p.message().id(), MessageStatus.RETRY, "links-not-stored", ex.toString(), null, null, later),
                    p.message())).toList();
        }
    }

    private static Prepared prepared(Ledger.Pending message, Future<Prepared> render) {
        try {
            return render.get();
        }
        catch (ExecutionException ex) {
            // a bug, not a template's fault; nothing left yet
            return Prepared.done(failed(message, "error", String.valueOf(ex.getCause())), message);
        }
        catch (InterruptedException ex) {
            // stopping: nothing of a window not rendered is claimed (a run renders before it claims)
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", ex);
        }
    }

    static Ledger.Outcome outcome(long id, DeliveryReceipt receipt) {
        return switch (receipt) {
            case DeliveryReceipt.Sent sent -> new Ledger.Outcome(id, MessageStatus.SENT, null, null, sent.adapter(),
                    sent.providerId(), null);
            case DeliveryReceipt.RetryLater later -> new Ledger.Outcome(id, MessageStatus.RETRY,
                    later.providerDown() ? "provider-unavailable" : "recipient-busy", later.reason(), later.adapter(), null,
                    later.after());
            case DeliveryReceipt.Rejected rejected -> new Ledger.Outcome(id, MessageStatus.REJECTED,
                    rejected.consequence().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    rejected.providerCode() + " " + rejected.reason(), rejected.adapter(), null, null);
            case DeliveryReceipt.Unknown unknown -> new Ledger.Outcome(id, MessageStatus.UNKNOWN, "unknown",
                    unknown.reason(), unknown.adapter(), null, null);
        };
    }

    private static Ledger.Outcome outcome(Ledger.Pending message, Future<Ledger.Outcome> send) {
        try {
            return send.get();
        }
        catch (ExecutionException ex) {
            // a bug, not a provider's answer: the message may have left, so it is not retried blindly
            return new Ledger.Outcome(message.id(), MessageStatus.UNKNOWN, "error", String.valueOf(ex.getCause()), null,
                    null, null);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Ledger.Outcome(message.id(), MessageStatus.UNKNOWN, "interrupted", "stopped while sending",
                    null, null, null);
        }
    }

    private static Ledger.Outcome failed(Ledger.Pending message, String reason, String detail) {
        return new Ledger.Outcome(message.id(), MessageStatus.FAILED, reason, detail, null, null, null);
    }

    /** The campaign's offer for the model; a per-message code replaces the placeholder afterwards. */
    static ModelRequest.Offer offer(Discount discount, Instant now) {
        if (discount == null) {
            return null;
        }
        return new ModelRequest.Offer(discount.code() == null ? "CODE" : discount.code(), discount.percent(),
                discount.amount(), discount.currency(), discount.expiresIn() == null ? null : now.plus(discount.expiresIn()));
    }
}
