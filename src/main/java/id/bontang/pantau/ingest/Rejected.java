package id.bontang.pantau.ingest;

/**
 * A refusal with a reason a person can act on. Carries no stack trace: a flood of bad messages must cost
 * as little as possible.
 */
public class Rejected extends Exception {

    private final Reason reason;
    private final String field;

    /** @param field what the problem is about (a metric, {@code ts}, {@code values}…), or null for the whole payload */
    public Rejected(Reason reason, String field, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
