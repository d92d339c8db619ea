package dev.boomerang.insight;

/** The history cannot support a fit (too little of it), or another fit is running; nothing was changed. */
public class ModelFitException extends RuntimeException {

    private final boolean busy;

    public ModelFitException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    /** True when the fit was refused only because another one is running. */
    public boolean busy() {
        return busy;
    }
}
