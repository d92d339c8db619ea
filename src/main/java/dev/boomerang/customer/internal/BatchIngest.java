package dev.boomerang.customer.internal;

import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import java.util.Iterator;

/** One kind of batch ingest (customers, orders, products): all rows or none, every error in {@code errors}. */
@FunctionalInterface
interface BatchIngest {

    IngestSummary ingest(Iterator<RawRow> rows, RowErrors errors, IngestSource source, IngestProgress progress);
}
