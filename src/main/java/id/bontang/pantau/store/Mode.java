package id.bontang.pantau.store;

/** What the database is: TimescaleDB, plain PostgreSQL, or none at all (persistence off). */
public enum Mode {
    TIMESCALEDB("timescaledb"), POSTGRESQL("postgresql"), OFF("off");

    /** Also the folder of the mode's migrations under db/migration. */
    public final String code;

    Mode(String code) {
        this.code = code;
    }
}
