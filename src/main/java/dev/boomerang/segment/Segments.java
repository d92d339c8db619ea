package dev.boomerang.segment;

import dev.boomerang.definition.DefinitionError;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Who belongs to a segment, as of an instant: the catalog of defined segments, ad-hoc rules, and one compiled
 * SQL condition behind the preview, the member list, the one-customer check and statements of other modules.
 * Every method that takes a rule also takes {@code asOf}, the instant T the rule is evaluated at (docs/segments.md
 * gives the semantics).
 */
public interface Segments {

    /** The catalog, by id; read once at startup. */
    List<SegmentDefinition> definitions();

    Optional<SegmentDefinition> definition(String id);

    /** Every mistake in the catalog's files; the server does not start unless this is empty. */
    List<DefinitionError> errors();

    /**
     * Reads a rule written inline in another YAML document (a campaign's {@code segment:} or {@code rule:}
     * node), resolving {@code segment:} references against the catalog.
     *
     * @param source the file name the node was read from, for error messages
     * @throws InvalidSegmentException with every mistake, each with line and column
     */
    Rule readRule(Node node, String source);

    /**
     * Reads an ad-hoc query: a YAML document with {@code rule:} and optionally {@code asOf:} (an ISO instant,
     * date-time with offset, or date meaning midnight UTC).
     *
     * @throws InvalidSegmentException with every mistake, each with line and column
     */
    AdHocQuery readQuery(String yaml, String source);

    /** A rule and the instant to evaluate it at (null: now). */
    record AdHocQuery(Rule rule, Instant asOf) {
    }

    /** A rule of the catalog by id, or an exception naming the closest id when there is none. */
    Rule rule(String segmentId);

    /** The rule compiled for {@code asOf}, for embedding in set-based SQL over {@code customer c}. */
    SegmentSql sql(Rule rule, Instant asOf);

    /** How many customers match, and the first 20 of them by id. */
    Preview preview(Rule rule, Instant asOf);

    /** How many customers match. */
    long count(Rule rule, Instant asOf);

    /**
     * Writes every member's external id as CSV ({@code customer_id} header, one id a line, ordered by Boomerang's
     * customer id) from a database cursor: memory stays flat whatever the audience's size.
     *
     * @return how many members were written
     */
    long writeMembers(Rule rule, Instant asOf, Writer out);

    /** Whether one customer (Boomerang's id) matches: the same SQL, restricted to that customer. */
    boolean matches(long customerId, Rule rule, Instant asOf);

    /** Whether one customer, by the store's id, matches; false when there is no such customer. */
    boolean matches(String externalId, Rule rule, Instant asOf);
}
