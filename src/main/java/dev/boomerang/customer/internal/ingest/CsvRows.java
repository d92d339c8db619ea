package dev.boomerang.customer.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams the rows of a CSV file (RFC 4180, UTF-8, a header row naming the columns) as {@link RawRow}s.
 * The header is checked up front: unknown, repeated or missing required columns refuse the whole file.
 * An empty cell is "given empty"; a column the file does not have is "not given".
 */
public final class CsvRows implements Iterator<RawRow>, AutoCloseable {

    /** The pseudo-field that carries "this row has a different number of cells than the header". */
    static final String CELL_COUNT_MISMATCH = "#cells";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
        .setIgnoreEmptyLines(true)
        .setTrim(true)
        .get();

    private final RowSchema schema;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int[] columnKinds; // per header position: 0 = scalar field, 1 = attribute
    private int number;

    public CsvRows(InputStream in, RowSchema schema) {
        this.schema = schema;
        try {
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            this.parser = FORMAT.parse(reader);
        }
        catch (IOException | IllegalArgumentException ex) {
            throw IngestRejectedException.whole(schema.what(), "header", "cannot read the header row: " + ex.getMessage());
        }
        this.header = new ArrayList<>(parser.getHeaderNames());
        if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) {
            header.set(0, header.getFirst().substring(1)); // a byte order mark, as Excel writes
        }
        this.columnKinds = checkHeader();
        this.records = parser.iterator();
    }

    private int[] checkHeader() {
        RowErrors errors = new RowErrors();
        int[] kinds = new int[header.size()];
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            seen.add(name);
            if (schema.columns().contains(name)) {
                kinds[i] = 0;
            }
            else if (schema.attributes() && name.startsWith(RowSchema.ATTRIBUTE_PREFIX)
                    && name.length() > RowSchema.ATTRIBUTE_PREFIX.length()) {
                kinds[i] = 1;
            }
            else {
                errors.add(new RowError(0, 1, name, "unknown column; known: " + String.join(", ", schema.columns().stream().sorted().toList())
                        + (schema.attributes() ? ", and attr.NAME for free attributes" : "")));
            }
        }
        for (String required : schema.required()) {
            if (!seen.contains(required)) {
                errors.add(new RowError(0, 1, required, "required column missing from the header"));
            }
        }
        errors.throwIfAny(schema.what());
        return kinds;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        }
        catch (UncheckedIOException | IllegalStateException ex) {
            throw IngestRejectedException.whole(schema.what(), "file",
                    "unreadable CSV after row " + number + " (line " + parser.getCurrentLineNumber() + "): " + rootMessage(ex));
        }
    }

    @Override
    public RawRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = records.next();
        number++;
        long line = parser.getCurrentLineNumber();
        Map<String, String> fields = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        int cells = Math.min(record.size(), header.size());
        for (int i = 0; i < cells; i++) {
            String value = record.get(i);
            String cell = value.isEmpty() ? null : value;
            if (columnKinds[i] == 0) {
                fields.put(header.get(i), cell);
            }
            else {
                attributes.put(header.get(i).substring(RowSchema.ATTRIBUTE_PREFIX.length()), cell); // null removes
            }
        }
        if (record.size() != header.size()) {
            // marked as a field so the row parser reports it with the row's position
            fields.put(CELL_COUNT_MISMATCH, record.size() + " cells where the header has " + header.size());
        }
        return new RawRow(number, line, fields, attributes, null);
    }

    private static String rootMessage(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        try {
            parser.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
