package dev.boomerang.customer.internal;

import dev.boomerang.customer.internal.ingest.CsvRows;
import dev.boomerang.customer.internal.ingest.IngestRejectedException;
import dev.boomerang.customer.internal.ingest.JsonRows;
import dev.boomerang.customer.internal.ingest.RawRow;
import dev.boomerang.customer.internal.ingest.RowErrors;
import dev.boomerang.customer.internal.ingest.RowSchema;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.ObjectMapper;

/**
 * The store's live feed: JSON arrays or CSV (with a header row) of customers, orders and products, upserted by
 * external id; cart snapshots one at a time. A batch is all or nothing.
 */
@RestController
@RequestMapping("/api")
class IngestController {

    static final String CSV = "text/csv";

    private final CustomerIngest customers;
    private final OrderIngest orders;
    private final ProductIngest products;
    private final CartIngest carts;
    private final ObjectMapper mapper;
    private final CustomerProperties properties;

    IngestController(CustomerIngest customers, OrderIngest orders, ProductIngest products, CartIngest carts,
            ObjectMapper mapper, CustomerProperties properties) {
        this.customers = customers;
        this.orders = orders;
        this.products = products;
        this.carts = carts;
        this.mapper = mapper;
        this.properties = properties;
    }

    @PostMapping(path = "/customers", consumes = { MediaType.APPLICATION_JSON_VALUE, CSV })
    Map<String, Object> customers(@RequestHeader("Content-Type") MediaType type, InputStream body) {
        return ingest(type, body, RowSchema.CUSTOMERS, customers::ingest);
    }

    @PostMapping(path = "/orders", consumes = { MediaType.APPLICATION_JSON_VALUE, CSV })
    Map<String, Object> orders(@RequestHeader("Content-Type") MediaType type, InputStream body) {
        return ingest(type, body, RowSchema.ORDERS, orders::ingest);
    }

    @PostMapping(path = "/products", consumes = { MediaType.APPLICATION_JSON_VALUE, CSV })
    Map<String, Object> products(@RequestHeader("Content-Type") MediaType type, InputStream body) {
        return ingest(type, body, RowSchema.PRODUCTS, products::ingest);
    }

    private Map<String, Object> ingest(MediaType type, InputStream body, RowSchema schema, BatchIngest ingest) {
        RowErrors errors = new RowErrors();
        BoundedBody bounded = bounded(body);
        return bounded(bounded, () -> summary(
                ingest.ingest(rows(type, bounded, schema, errors), errors, IngestSource.api(), IngestProgress.NONE)));
    }

    @PutMapping(path = "/carts/{externalId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cart(@PathVariable String externalId, InputStream body) {
        RowErrors errors = new RowErrors();
        BoundedBody bounded = bounded(body);
        return bounded(bounded, () -> {
            RawRow row = JsonRows.single(mapper, bounded, RowSchema.CART, errors);
            long id = carts.put(externalId, row, errors, IngestSource.api());
            return Map.of("cart_id", externalId, "id", id);
        });
    }

    private BoundedBody bounded(InputStream body) {
        return new BoundedBody(body, properties.maxRequestSize().toBytes());
    }

    /** Runs {@code ingest}; when it failed because the body passed its size limit, says so (413). */
    private static <T> T bounded(BoundedBody body, Supplier<T> ingest) {
        try {
            return ingest.get();
        }
        catch (RuntimeException ex) {
            if (body.exceeded()) {
                throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than "
                        + body.limit() + " bytes; split it, or use the command line import for bulk loads");
            }
            throw ex;
        }
    }

    private Iterator<RawRow> rows(MediaType type, InputStream body, RowSchema schema, RowErrors errors) {
        Iterator<RawRow> rows = CSV.equals(type.getType() + "/" + type.getSubtype()) ? new CsvRows(body, schema)
                : new JsonRows(mapper, body, schema, errors);
        return limited(rows, schema);
    }

    /** The API takes a bounded batch; larger loads go through the command line, which streams. */
    private Iterator<RawRow> limited(Iterator<RawRow> rows, RowSchema schema) {
        int max = properties.maxRowsPerRequest();
        return new Iterator<>() {
            private int count;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public RawRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (++count > max) {
                    throw IngestRejectedException.whole(schema.what(), "body", "more than " + max
                            + " rows in one request; split it, or use the command line import for bulk loads");
                }
                return rows.next();
            }
        };
    }

    private static Map<String, Object> summary(IngestSummary summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", summary.what());
        body.put("rows", summary.rows());
        body.put("created", summary.created());
        body.put("updated", summary.updated());
        body.put("unchanged", summary.unchanged());
        return body;
    }
}
