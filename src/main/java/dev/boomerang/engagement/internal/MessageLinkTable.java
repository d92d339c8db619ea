package dev.boomerang.engagement.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The links of sent messages by position (message_link): written before sending, read by the click redirect
 * ({@link ClickTargets}). */
@Component
class MessageLinkTable {

    /** The links of one message, by position. */
    record Links(long messageId, List<String> urls) {
    }

    private static final int IDS_PER_DELETE = 500;
    private static final String INSERT = "INSERT INTO message_link (message_id, position, url) VALUES (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    MessageLinkTable(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Writes the links of many messages in one batch. A message rendered again (sent again after a temporary
     * refusal) may link elsewhere now: when a row is already there, the messages' earlier rows are deleted and the
     * batch written again (their earlier rendering was never delivered).
     */
    void replace(List<Links> messages) {
        List<Object[]> rows = new ArrayList<>();
        List<Long> ids = new ArrayList<>(messages.size());
        for (Links message : messages) {
            ids.add(message.messageId());
            for (int position = 0; position < message.urls().size(); position++) {
                rows.add(new Object[] { message.messageId(), position, message.urls().get(position) });
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows));
        }
        catch (DataIntegrityViolationException renderedBefore) {
            transactions.executeWithoutResult(status -> {
                for (int from = 0; from < ids.size(); from += IDS_PER_DELETE) {
                    List<Long> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_DELETE));
                    jdbc.update("DELETE FROM message_link WHERE message_id IN (" + "?,".repeat(some.size() - 1) + "?)",
                            some.toArray());
                }
                jdbc.batchUpdate(INSERT, rows);
            });
        }
    }
}
