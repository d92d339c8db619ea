package dev.boomerang.segment;

/** No segment of the catalog has this id. */
public class UnknownSegmentException extends RuntimeException {

    private final String id;

    public UnknownSegmentException(String id, String closest) {
        super("no segment '" + id + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?"));
        this.id = id;
    }

    public String id() {
        return id;
    }
}
