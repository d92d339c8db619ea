package dev.boomerang.delivery;

/** A run's life: requested, selecting and sending, then done, failed (resumable), or missed (never sent). */
public enum RunStatus {
    PENDING, RUNNING, COMPLETED, FAILED, MISSED;

    public boolean active() {
        return this == PENDING || this == RUNNING;
    }
}
