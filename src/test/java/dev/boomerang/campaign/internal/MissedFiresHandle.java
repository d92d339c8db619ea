package dev.boomerang.campaign.internal;

import org.quartz.SchedulerException;

/** Lets tests in other packages reconcile the schedule when they choose. */
public class MissedFiresHandle {

    private final MissedFires missedFires;

    public MissedFiresHandle(MissedFires missedFires) {
        this.missedFires = missedFires;
    }

    public int reconcileNow() throws SchedulerException {
        return missedFires.reconcile();
    }
}
