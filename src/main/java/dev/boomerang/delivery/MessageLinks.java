package dev.boomerang.delivery;

import dev.boomerang.template.MessageModel;

/**
 * The per-message links a sender needs: one-click unsubscribe and preferences, signed for the message so they
 * work without a login and cannot be forged for another customer. The engagement module implements it.
 */
public interface MessageLinks {

    MessageModel.Links forMessage(long messageId);
}
