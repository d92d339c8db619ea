package dev.boomerang.delivery;

/** A run was asked for while another run of the campaign is pending or running, or for an occurrence that already ran. */
public class RunConflictException extends RuntimeException {

    private final long existingRunId;

    public RunConflictException(String message, long existingRunId) {
        super(message);
        this.existingRunId = existingRunId;
    }

    public long existingRunId() {
        return existingRunId;
    }
}
