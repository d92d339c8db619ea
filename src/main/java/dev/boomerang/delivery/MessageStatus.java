package dev.boomerang.delivery;

/**
 * A ledger row's state (DESIGN.md section 4). A row is written PLANNED (or SKIPPED, DEFERRED, DRY_RUN) and
 * committed before anything is sent; CLAIMED is committed just before the provider is called; the receipt
 * makes it SENT, REJECTED, RETRY or UNKNOWN. A crash leaves CLAIMED rows, which become UNKNOWN: never resent
 * automatically, because the provider may have taken them.
 */
public enum MessageStatus {
    PLANNED, DRY_RUN, SKIPPED, DEFERRED, CLAIMED, SENT, REJECTED, RETRY, UNKNOWN, FAILED
}
