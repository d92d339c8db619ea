package dev.boomerang.delivery.internal;

/** Lets tests in other packages sweep when they choose (the scheduled sweep is off in tests). */
public class SweeperHandle {

    private final Sweeper sweeper;

    public SweeperHandle(Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    public int sweepNow() {
        return sweeper.sweep();
    }
}
