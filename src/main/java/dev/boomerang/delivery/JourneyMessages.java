package dev.boomerang.delivery;

import java.time.Instant;
import java.util.Collection;

/**
 * The ledger for flows: a journey's send step becomes one message row, decided under the same policies as a
 * broadcast's (consent, reachability, suppression, frequency caps, quiet hours), then sent like one.
 */
public interface JourneyMessages {

    /**
     * Decides the step's message and writes it, in the caller's transaction (so the journey moves on in the same
     * commit). When the key already has a row (the step ran before a restart) that row is returned unchanged.
     */
    LedgerDecision write(JourneyStep step, Instant now);

    /** Sends these PLANNED messages now (claimed and committed first, then sent and recorded); call outside a transaction. */
    void send(Collection<Long> messageIds);

    /**
     * Sends journeys' PLANNED messages written before {@code before}, left by a node that stopped, and marks their
     * messages still CLAIMED since then UNKNOWN (never resent); returns how many it sent.
     */
    int sendLeftBehind(Instant before);

    /** The ledger row of a step: its id, status and, when skipped or deferred, why. */
    record LedgerDecision(long messageId, MessageStatus status, String reason) {
    }
}
