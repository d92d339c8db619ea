package dev.boomerang.engagement;

/**
 * The event log. {@link #record} queues an event and returns at once (the tracking endpoints must stay fast);
 * a writer stores queued events in batches. Nothing is dropped: when the queue is full, {@code record} waits
 * for room, and a graceful shutdown writes everything queued before the database closes.
 */
public interface EventLog {

    void record(EngagementEvent event);

    /** Waits until every event recorded before the call is stored (reports, tests, shutdown). */
    void flush();
}
