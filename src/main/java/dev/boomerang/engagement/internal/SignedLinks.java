package dev.boomerang.engagement.internal;

import dev.boomerang.delivery.MessageLinks;
import dev.boomerang.template.MessageModel;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The links of a message under the public URL: unsubscribe {@code /u/TOKEN} and preferences {@code /p/TOKEN};
 * in an email each http(s) link as {@code /t/c/TOKEN} (the message and the link's position) and the open pixel
 * {@code /t/o/TOKEN}.
 */
@Component
class SignedLinks implements MessageLinks {

    private final LinkTokens tokens;
    private final EngagementProperties properties;
    private final MessageLinkTable table;
    private final LinkTargets targets;

    SignedLinks(LinkTokens tokens, EngagementProperties properties, MessageLinkTable table, LinkTargets targets) {
        this.tokens = tokens;
        this.properties = properties;
        this.table = table;
        this.targets = targets;
    }

    @Override
    public MessageModel.Links forMessage(long messageId) {
        String token = tokens.token(messageId);
        return new MessageModel.Links(properties.base() + "/u/" + token, properties.base() + "/p/" + token);
    }

    @Override
    public Tracking tracking(long messageId) {
        return new TrackedMessage(messageId, tokens, properties.base());
    }

    @Override
    public void store(List<Tracking> rendered) {
        targets.store(rendered.stream().flatMap(t -> t.links().stream()).collect(Collectors.toSet()));
        table.replace(rendered.stream().map(t -> new MessageLinkTable.Links(t.messageId(), t.links())).toList());
    }
}
