package dev.boomerang.engagement.internal;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventLog;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the event log from a bounded queue on one thread, many events per statement. A request that records
 * an event only enqueues it; the writer fills in customer and campaign from the ledger in the same INSERT, so the
 * request path never reads the database for them. A failed batch is kept and retried (the database may be
 * restarting): events wait in memory, and requests wait for room once the queue is full, rather than be lost.
 * The writer stops after the web server (a lower lifecycle phase), so the last requests' events are written.
 */
@Component
class BatchedEventLog implements EventLog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchedEventLog.class);

    /**
     * Events about messages, up to {@link #ROWS} in one statement: a batch of single-row INSERT...SELECTs cost the
     * database a statement per event, and the tracking endpoints record thousands a second (bench/tracking.sh).
     */
    private static final String OF_MESSAGES = """
            INSERT INTO engagement_event (kind, message_id, customer_id, campaign_id, link_position, occurred_at, source)
            SELECT v.kind, m.id, m.customer_id, m.campaign_id, v.link_position, v.occurred_at, v.source
            FROM (VALUES %s) AS v(kind, message_id, link_position, occurred_at, source)
            JOIN message m ON m.id = v.message_id""";
    private static final String ROW = "(CAST(? AS VARCHAR(16)), CAST(? AS BIGINT), CAST(? AS INTEGER),"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(100)))";
    private static final int ROWS = 200;
    /**
     * The same on PostgreSQL, as one statement of fixed text whatever the batch: five arrays instead of 1,000
     * parameters. PostgreSQL prepares and plans it once per connection instead of parsing and planning a VALUES
     * list of a new length for every batch (bench/tracking.sh: the database's CPU is what the open pixel costs).
     */
    private static final String OF_MESSAGES_UNNEST = """
            INSERT INTO engagement_event (kind, message_id, customer_id, campaign_id, link_position, occurred_at, source)
            SELECT v.kind, m.id, m.customer_id, m.campaign_id, v.link_position, v.occurred_at, v.source
            FROM unnest(CAST(? AS VARCHAR(16)[]), CAST(? AS BIGINT[]), CAST(? AS INTEGER[]),
                        CAST(CAST(? AS TEXT[]) AS TIMESTAMP WITH TIME ZONE[]), CAST(? AS VARCHAR(100)[]))
                 AS v(kind, message_id, link_position, occurred_at, source)
            JOIN message m ON m.id = v.message_id""";
    private static final String OF_CUSTOMER = """
            INSERT INTO engagement_event (kind, message_id, customer_id, campaign_id, link_position, occurred_at, source)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final EngagementProperties.Events settings;
    private final BlockingQueue<EngagementEvent> queue;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    BatchedEventLog(JdbcTemplate jdbc, StoreDatabase database, EngagementProperties properties) {
        this.jdbc = jdbc;
        this.postgres = database.isPostgres();
        this.settings = properties.events();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    @Override
    public void record(EngagementEvent event) {
        recorded.incrementAndGet();
        try {
            queue.put(event);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            recorded.decrementAndGet();
            throw new IllegalStateException("interrupted while waiting for room in the event queue", ex);
        }
        if (!running) {
            // no writer (a command-line context, or after stop): write now rather than leave it queued
            drainAll();
        }
    }

    @Override
    public void flush() {
        long target = recorded.get();
        if (!running) {
            drainAll();
            return;
        }
        while (written.get() < target && running) {
            sleep(Duration.ofMillis(5));
        }
        if (written.get() < target) {
            drainAll();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        writer = Thread.ofPlatform().name("event-log").daemon().start(this::writeUntilStopped);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(Duration.ofSeconds(30));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        drainAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (which stops at {@code DEFAULT_PHASE - 2048}), before the database closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void writeUntilStopped() {
        List<EngagementEvent> batch = new ArrayList<>(settings.batchSize());
        while (running) {
            try {
                EngagementEvent first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.batchSize() - 1);
                writeRetrying(batch);
                batch.clear();
            }
            catch (InterruptedException stopping) {
                break;
            }
        }
        // events taken but not yet written go back through drainAll on stop
        if (!batch.isEmpty()) {
            writeRetrying(batch);
        }
    }

    private synchronized void drainAll() {
        List<EngagementEvent> batch = new ArrayList<>(settings.batchSize());
        while (queue.drainTo(batch, settings.batchSize()) > 0) {
            write(batch);
            batch.clear();
        }
    }

    private void writeRetrying(List<EngagementEvent> batch) {
        Duration pause = Duration.ofMillis(100);
        for (int attempt = 1; ; attempt++) {
            try {
                write(batch);
                return;
            }
            catch (RuntimeException ex) {
                if (!running && attempt >= 3) {
                    log.error("Stopping with {} engagement event(s) the database would not take: {}", batch.size(),
                            ex.toString());
                    return;
                }
                log.warn("Could not write {} engagement event(s), retrying in {} ms: {}", batch.size(), pause.toMillis(),
                        ex.toString());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : pause.multipliedBy(2);
            }
        }
    }

    private void write(List<EngagementEvent> batch) {
        List<EngagementEvent> ofMessage = new ArrayList<>(batch.size());
        List<Object[]> ofCustomer = new ArrayList<>();
        for (EngagementEvent e : batch) {
            if (e.messageId() != null && e.customerId() == null) {
                ofMessage.add(e);
            }
            else {
                ofCustomer.add(new Object[] { e.kind().key(), e.messageId(), e.customerId(), e.campaignId(),
                        e.linkPosition(), e.occurredAt().atOffset(ZoneOffset.UTC), e.source() });
            }
        }
        for (int from = 0; from < ofMessage.size(); from += ROWS) {
            List<EngagementEvent> rows = ofMessage.subList(from, Math.min(ofMessage.size(), from + ROWS));
            if (postgres) {
                writeAsArrays(rows);
            }
            else {
                jdbc.update(OF_MESSAGES.formatted(String.join(", ", Collections.nCopies(rows.size(), ROW))),
                        rows.stream().flatMap(e -> Stream.of(e.kind().key(), e.messageId(), e.linkPosition(),
                                e.occurredAt().atOffset(ZoneOffset.UTC), e.source())).toArray());
            }
        }
        if (!ofCustomer.isEmpty()) {
            jdbc.batchUpdate(OF_CUSTOMER, ofCustomer);
        }
        written.addAndGet(batch.size());
    }

    private void writeAsArrays(List<EngagementEvent> rows) {
        int n = rows.size();
        String[] kinds = new String[n];
        Long[] messages = new Long[n];
        Integer[] positions = new Integer[n];
        String[] times = new String[n];
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            EngagementEvent e = rows.get(i);
            kinds[i] = e.kind().key();
            messages[i] = e.messageId();
            positions[i] = e.linkPosition();
            times[i] = e.occurredAt().toString();   // ISO-8601 in UTC, which PostgreSQL reads as timestamptz
            sources[i] = e.source();
        }
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(OF_MESSAGES_UNNEST);
            insert.setArray(1, connection.createArrayOf("varchar", kinds));
            insert.setArray(2, connection.createArrayOf("bigint", messages));
            insert.setArray(3, connection.createArrayOf("integer", positions));
            insert.setArray(4, connection.createArrayOf("text", times));
            insert.setArray(5, connection.createArrayOf("varchar", sources));
            return insert;
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
