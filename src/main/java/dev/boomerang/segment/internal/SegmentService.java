package dev.boomerang.segment.internal;

import dev.boomerang.customer.StoreDatabase;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Preview;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.SegmentDefinition;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.segment.SegmentSql;
import dev.boomerang.segment.Segments;
import dev.boomerang.segment.UnknownSegmentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.nodes.Node;

/** The segment API over the catalog read at startup and the database. */
@Service
class SegmentService implements Segments {

    private static final Logger log = LoggerFactory.getLogger(SegmentService.class);
    static final int SAMPLE_SIZE = 20;

    private final SegmentReader.Catalog catalog;
    private final RuleCompiler compiler;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final boolean postgres;

    SegmentService(SegmentProperties properties, DataSource dataSource, StoreDatabase database,
            PlatformTransactionManager transactions, Clock clock) {
        this.catalog = SegmentReader.readFolder(properties.directory());
        this.jdbc = new JdbcTemplate(dataSource);
        this.compiler = new RuleCompiler(id -> definition(id).map(SegmentDefinition::rule).orElse(null),
                () -> PredictionSql.latestFit(jdbc));
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(properties.fetchSize());
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
        this.postgres = database.isPostgres();
        log.info("Read {} segment definitions from {} ({} errors)", catalog.definitions().size(), properties.directory(),
                catalog.errors().size());
    }

    /**
     * PostgreSQL's driver turns a statement run five times into a prepared one, and the server may then plan it
     * once for any parameter values. A window of 7 days and one of 2 years want different plans, and a segment
     * query costs far more to run than to plan: plan every run for its values.
     * <p>
     * And no JIT compilation: a segment's estimated cost (a million customers, each looked up in the orders)
     * passes the thresholds at which PostgreSQL compiles, inlines and optimises its expressions, which took 180 to
     * 285 ms of a 1 s count of lapsed-regulars, while the expressions it compiles (a few comparisons per customer)
     * gain next to nothing (bench/segments.sh; the plan's JIT timing).
     */
    private void planForTheseValues() {
        if (postgres) {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            jdbc.execute("SET LOCAL jit = off");
        }
    }

    @Override
    public List<SegmentDefinition> definitions() {
        return List.copyOf(catalog.definitions().values());
    }

    @Override
    public Optional<SegmentDefinition> definition(String id) {
        return Optional.ofNullable(catalog.definitions().get(id));
    }

    @Override
    public List<DefinitionError> errors() {
        return catalog.errors();
    }

    @Override
    public Rule readRule(Node node, String source) {
        return SegmentReader.readRule(node, source, catalog.definitions().keySet());
    }

    @Override
    public AdHocQuery readQuery(String yaml, String source) {
        return SegmentReader.readQuery(yaml, source, catalog.definitions().keySet());
    }

    @Override
    public Rule rule(String segmentId) {
        SegmentDefinition definition = catalog.definitions().get(segmentId);
        if (definition == null) {
            throw new UnknownSegmentException(segmentId, Suggestions.closest(segmentId, catalog.definitions().keySet()));
        }
        if (!definition.valid()) {
            throw new InvalidSegmentException(definition.errors());
        }
        return definition.rule();
    }

    @Override
    public SegmentSql sql(Rule rule, Instant asOf) {
        Fragment condition = compiler.compile(rule, asOf == null ? clock.instant() : asOf);
        return new SegmentSql("(" + condition.sql() + ")", condition.parameters());
    }

    @Override
    public Preview preview(Rule rule, Instant asOf) {
        Instant t = asOf == null ? clock.instant() : asOf;
        SegmentSql sql = sql(rule, t);
        Fragment counting = countStatement(rule, t, sql);
        // one snapshot: the sample is drawn from the customers counted
        return readOnly.execute(status -> {
            planForTheseValues();
            long started = System.nanoTime();
            long count = count(counting);
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<Preview.Member> sample = jdbc.query("""
                    SELECT c.external_id, c.email, c.first_name, c.last_name, c.order_count, c.total_spent, c.last_order_at
                    FROM customer c WHERE %s ORDER BY c.id LIMIT %d""".formatted(sql.condition(), SAMPLE_SIZE),
                    (rs, n) -> member(rs), sql.parameters().toArray());
            return new Preview(t, count, sample, millis);
        });
    }

    @Override
    public long count(Rule rule, Instant asOf) {
        Instant t = asOf == null ? clock.instant() : asOf;
        Fragment counting = countStatement(rule, t, null);
        return readOnly.execute(status -> {
            planForTheseValues();
            return count(counting);
        });
    }

    /** The compiler's cheaper count when the rule has one, else a count of the members ({@code sql}, or compiled). */
    private Fragment countStatement(Rule rule, Instant t, SegmentSql sql) {
        return compiler.memberCount(rule, t).orElseGet(() -> {
            SegmentSql members = sql == null ? sql(rule, t) : sql;
            return Fragment.of("SELECT COUNT(*) FROM customer c WHERE " + members.condition(),
                    members.parameters().toArray());
        });
    }

    private long count(Fragment counting) {
        Long count = jdbc.queryForObject(counting.sql(), Long.class, counting.parameters().toArray());
        return count == null ? 0 : count;
    }

    @Override
    public long writeMembers(Rule rule, Instant asOf, Writer out) {
        SegmentSql sql = sql(rule, asOf);
        // a transaction: PostgreSQL streams through a cursor (the fetch size) only outside auto-commit
        Long written = readOnly.execute(status -> {
            planForTheseValues();
            try {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
                csv.printRecord("customer_id");
                long[] n = { 0 };
                streaming.query("SELECT c.external_id FROM customer c WHERE " + sql.condition() + " ORDER BY c.id",
                        (ResultSet rs) -> {
                            try {
                                csv.printRecord(rs.getString(1));
                            }
                            catch (IOException ex) {
                                throw new UncheckedIOException(ex);
                            }
                            n[0]++;
                        }, sql.parameters().toArray());
                csv.flush();
                return n[0];
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        return written == null ? 0 : written;
    }

    @Override
    public boolean matches(long customerId, Rule rule, Instant asOf) {
        SegmentSql sql = sql(rule, asOf);
        List<Integer> hit = jdbc.queryForList("SELECT 1 FROM customer c WHERE c.id = ? AND " + sql.condition(), Integer.class,
                sql.parametersAfter(customerId));
        return !hit.isEmpty();
    }

    @Override
    public boolean matches(String externalId, Rule rule, Instant asOf) {
        SegmentSql sql = sql(rule, asOf);
        List<Integer> hit = jdbc.queryForList("SELECT 1 FROM customer c WHERE c.external_id = ? AND " + sql.condition(),
                Integer.class, sql.parametersAfter(externalId));
        return !hit.isEmpty();
    }

    private static Preview.Member member(ResultSet rs) throws SQLException {
        BigDecimal spent = rs.getBigDecimal(6).stripTrailingZeros();
        return new Preview.Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                spent.scale() < 0 ? spent.setScale(0) : spent, rs.getObject(7, OffsetDateTime.class));
    }
}
