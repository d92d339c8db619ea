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
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateException;
import dev.boomerang.template.TemplateInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * Renders and sends claimed messages, each on its own virtual thread (the channel's rate and concurrency limits
 * and the campaign's own rate hold them back), and turns each receipt into the ledger's outcome. Never throws
 * for one message: whatever happens to it becomes its outcome.
 */
@Component
class Courier {

    private final MessageModels models;
    private final MessageTemplates templates;
    private final ChannelDispatcher channels;
    private final MessageLinks links;
    private final CampaignRates rates;
    private final SendPlans plans;
    private final Ledger ledger;
    private final Clock clock;
    private final BounceNotices bounces;

    Courier(MessageModels models, MessageTemplates templates, ChannelDispatcher channels, MessageLinks links,
            CampaignRates rates, SendPlans plans, Ledger ledger, Clock clock, BounceNotices bounces) {
        this.models = models;
        this.templates = templates;
        this.channels = channels;
        this.links = links;
        this.rates = rates;
        this.plans = plans;
        this.ledger = ledger;
        this.clock = clock;
        this.bounces = bounces;
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

    List<Ledger.Outcome> send(Sending sending, List<Ledger.Pending> messages, Instant now) {
        boolean withCart = sending.variants().stream()
            .map(v -> templates.template(v.template()))
            .anyMatch(t -> t.map(TemplateInfo::requires).orElseGet(Set::of).contains(MessageModel.Part.CART));
        ModelRequest request = new ModelRequest(new MessageModel.Campaign(sending.campaignId(), sending.name()),
                offer(sending.discount(), now), withCart);
        Map<Long, MessageModel> byCustomer = models.forCustomers(messages.stream()
            .filter(m -> m.cartExternalId() == null).map(Ledger.Pending::customerId).toList(), request);
        List<Ledger.Outcome> outcomes = new ArrayList<>(messages.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Ledger.Outcome>> sends = new ArrayList<>(messages.size());
            for (Ledger.Pending message : messages) {
                // a journey's message is about its own cart (few: flows send one message at a time per journey)
                MessageModel model = message.cartExternalId() == null ? byCustomer.get(message.customerId())
                        : models.forCart(message.cartExternalId(), request).filter(m -> cartOf(m, message)).orElse(null);
                sends.add(threads.submit(() -> sendOne(sending, message, model)));
            }
            for (int i = 0; i < sends.size(); i++) {
                outcomes.add(outcome(messages.get(i), sends.get(i)));
            }
        }
        return outcomes;
    }

    /** The cart still belongs to the message's customer (a store may move a cart to the account that logged in). */
    private static boolean cartOf(MessageModel model, Ledger.Pending message) {
        return model.customer().id() == message.customerId();
    }

    private Ledger.Outcome sendOne(Sending sending, Ledger.Pending message, MessageModel model) {
        if (model == null) {
            return failed(message, "customer-gone", "the customer was erased before the message went");
        }
        MessageModel personal = model.withLinks(links.forMessage(message.id()));
        if (message.discountCode() != null && personal.discount() != null) {
            MessageModel.Discount d = personal.discount();
            personal = personal.withDiscount(new MessageModel.Discount(message.discountCode(), d.percent(), d.amount(),
                    d.label(), d.expiresOn(), d.expires()));
        }
        OutboundMessage outbound;
        try {
            outbound = outbound(sending.channel(), "m" + message.id(), message.template(), personal);
        }
        catch (TemplateException ex) {
            return failed(message, "render-failed", ex.getMessage());
        }
        if (outbound == null) {
            return failed(message, "unreachable", "no address on the channel any more");
        }
        rates.acquire(sending);
        return outcome(message.id(), channels.send(outbound));
    }

    private OutboundMessage outbound(Channel channel, String id, String template, MessageModel model) {
        if (channel == Channel.EMAIL) {
            if (model.customer().email() == null) {
                return null;
            }
            RenderedMessage.Email email = templates.email(template, model, LinkRewriter.NONE);
            URI unsubscribe = URI.create(model.links().unsubscribe());
            return new OutboundMessage.Email(id, model.customer().email(), email.subject(), email.html(), email.text(),
                    "https".equalsIgnoreCase(unsubscribe.getScheme()) ? unsubscribe : null);
        }
        if (model.customer().phone() == null) {
            return null;
        }
        RenderedMessage.Sms sms = (RenderedMessage.Sms) templates.render(template, TemplateChannel.SMS, model,
                LinkRewriter.NONE);
        return new OutboundMessage.Sms(id, model.customer().phone(), sms.body());
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
