package dev.boomerang.delivery.internal;

import dev.boomerang.channel.Channel;
import dev.boomerang.channel.RecipientRefused;
import dev.boomerang.customer.ContactChannel;
import dev.boomerang.customer.Contactability;
import dev.boomerang.customer.SuppressionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a provider's permanent refusal of an address means for the customer: a mailbox that does not exist
 * (SMTP 550) or a number the provider calls invalid is suppressed, so nothing goes to it again on that channel;
 * an opt-out at the provider (Twilio 21610: the person replied STOP) withdraws SMS consent for everyone with
 * that number. Runs in the sender's thread, before the dispatcher hands the receipt back, so the next message
 * of the same run already sees it.
 */
@Component
class RefusalConsequences {

    private static final Logger log = LoggerFactory.getLogger(RefusalConsequences.class);

    private final Contactability contactability;

    RefusalConsequences(Contactability contactability) {
        this.contactability = contactability;
    }

    @EventListener
    void on(RecipientRefused refused) {
        ContactChannel channel = refused.channel() == Channel.EMAIL ? ContactChannel.EMAIL : ContactChannel.SMS;
        switch (refused.consequence()) {
            case ADDRESS_BOUNCED -> contactability.suppress(channel, refused.address(), SuppressionReason.BOUNCED, refused.source());
            case ADDRESS_INVALID -> contactability.suppress(channel, refused.address(), SuppressionReason.INVALID, refused.source());
            case CONSENT_WITHDRAWN -> {
                int customers = contactability.setConsent(channel, refused.address(), false, refused.source());
                log.info("{} consent withdrawn for {} customer(s) after {}", channel.key(), customers, refused.source());
            }
            case NONE -> {
                // nothing beyond the one message
            }
        }
    }
}
