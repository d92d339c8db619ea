package dev.boomerang.engagement.internal;

import dev.boomerang.customer.StoreDatabase;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where click links go, read for many concurrent clicks in one statement. A click hands its (message, position) to
 * a few reader threads and waits; each reader takes whatever clicks are waiting (one when the site is quiet, dozens
 * under a burst) and reads their targets from message_link at once. Under load this turns a database round trip
 * per click into one per batch: the per-statement work (the pool, the protocol, PostgreSQL's executor start-up)
 * was most of a click's cost (bench/tracking.sh). Nothing is cached: every click reads the row as stored now.
 * Hand-written because what it coalesces is one query; a general data-loader library would bring more than it
 * saves.
 */
@Component
class ClickTargets implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClickTargets.class);

    /** A click waiting for its target. */
    private record Wanted(long messageId, int position, CompletableFuture<Optional<String>> target) {
    }

    private record Key(long messageId, int position) {
    }

    private static final int MOST_PER_READ = 200;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final String BY_ARRAYS = """
            SELECT l.message_id, l.position, l.url
            FROM unnest(CAST(? AS BIGINT[]), CAST(? AS INTEGER[])) AS k(message_id, position)
            JOIN message_link l ON l.message_id = k.message_id AND l.position = k.position""";
    private static final String BY_ROWS = "SELECT message_id, position, url FROM message_link WHERE (message_id, position) IN (%s)";

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final int readers;
    private final LinkedBlockingQueue<Wanted> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    ClickTargets(JdbcTemplate jdbc, StoreDatabase database, EngagementProperties properties) {
        this.jdbc = jdbc;
        this.postgres = database.isPostgres();
        this.readers = properties.clicks().readers();
    }

    /** Where a message's link at a position goes; empty when the message has no such link. */
    Optional<String> url(long messageId, int position) {
        Wanted wanted = new Wanted(messageId, position, new CompletableFuture<>());
        if (!running) {
            read(List.of(wanted));   // no readers (a command-line context, or after stop): read it here
            return wanted.target().join();
        }
        waiting.add(wanted);
        try {
            return wanted.target().get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a click's target", ex);
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("no answer from message_link within " + LONGEST_WAIT.toSeconds() + " s", ex);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < readers; i++) {
            threads.add(Thread.ofPlatform().name("click-targets-" + i).daemon().start(this::readUntilStopped));
        }
    }

    /** After the web server (which stops at {@code DEFAULT_PHASE - 2048}): no click is left waiting. */
    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
        List<Wanted> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(w -> w.target().completeExceptionally(new IllegalStateException("stopping")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void readUntilStopped() {
        List<Wanted> batch = new ArrayList<>(MOST_PER_READ);
        while (running) {
            try {
                batch.add(waiting.take());
            }
            catch (InterruptedException stopping) {
                return;
            }
            waiting.drainTo(batch, MOST_PER_READ - 1);
            try {
                read(batch);
            }
            catch (RuntimeException ex) {
                log.warn("Could not read the targets of {} click(s): {}", batch.size(), ex.toString());
                batch.forEach(w -> w.target().completeExceptionally(ex));
            }
            batch.clear();
        }
    }

    /** Reads the batch's targets and answers each of its clicks. */
    private void read(List<Wanted> batch) {
        Map<Key, String> found = new HashMap<>();
        if (postgres) {
            Long[] messages = new Long[batch.size()];
            Integer[] positions = new Integer[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                messages[i] = batch.get(i).messageId();
                positions[i] = batch.get(i).position();
            }
            jdbc.query(connection -> {
                PreparedStatement select = connection.prepareStatement(BY_ARRAYS);
                select.setArray(1, connection.createArrayOf("bigint", messages));
                select.setArray(2, connection.createArrayOf("integer", positions));
                return select;
            }, rs -> {
                found.put(new Key(rs.getLong(1), rs.getInt(2)), rs.getString(3));
            });
        }
        else {
            Object[] keys = batch.stream().flatMap(w -> List.<Object>of(w.messageId(), w.position()).stream()).toArray();
            jdbc.query(BY_ROWS.formatted(String.join(", ", Collections.nCopies(batch.size(), "(?, ?)"))),
                    rs -> {
                        found.put(new Key(rs.getLong(1), rs.getInt(2)), rs.getString(3));
                    }, keys);
        }
        for (Wanted w : batch) {
            w.target().complete(Optional.ofNullable(found.get(new Key(w.messageId(), w.position()))));
        }
    }
}
