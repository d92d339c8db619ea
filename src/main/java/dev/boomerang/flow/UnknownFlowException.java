package dev.boomerang.flow;

/** No valid flow has the id asked for; names the closest one when there is a likely typo. */
public class UnknownFlowException extends RuntimeException {

    private final String flowId;

    public UnknownFlowException(String flowId, String closest) {
        super("no flow '" + flowId + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?"));
        this.flowId = flowId;
    }

    public String flowId() {
        return flowId;
    }
}
