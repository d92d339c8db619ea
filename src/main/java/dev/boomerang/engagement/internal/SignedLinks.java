package dev.boomerang.engagement.internal;

import dev.boomerang.delivery.MessageLinks;
import dev.boomerang.template.MessageModel;
import org.springframework.stereotype.Component;

/** The unsubscribe and preferences links of a message: {@code /u/TOKEN} and {@code /p/TOKEN} under the public URL. */
@Component
class SignedLinks implements MessageLinks {

    private final LinkTokens tokens;
    private final EngagementProperties properties;

    SignedLinks(LinkTokens tokens, EngagementProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public MessageModel.Links forMessage(long messageId) {
        String token = tokens.token(messageId);
        return new MessageModel.Links(properties.base() + "/u/" + token, properties.base() + "/p/" + token);
    }
}
