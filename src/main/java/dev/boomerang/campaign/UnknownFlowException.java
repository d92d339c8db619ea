package dev.boomerang.campaign;

/** No valid flow of the catalog has this id. */
public class UnknownFlowException extends RuntimeException {

    private final String id;

    public UnknownFlowException(String id, String closest) {
        super("no flow '" + id + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?"));
        this.id = id;
    }

    public String id() {
        return id;
    }
}
