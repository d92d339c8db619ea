package dev.boomerang.campaign;

/** No valid campaign of the catalog has this id. */
public class UnknownCampaignException extends RuntimeException {

    private final String id;

    public UnknownCampaignException(String id, String closest) {
        super("no campaign '" + id + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?"));
        this.id = id;
    }

    public String id() {
        return id;
    }
}
