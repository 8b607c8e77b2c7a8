package id.bontang.pantau.store;

/**
 * The database cannot be used as configured, and waiting will not change that (unlike a database that is away):
 * the start stops with the reason and the fix, instead of retrying or building a schema nobody chose.
 */
public final class StoreRefused extends RuntimeException {

    StoreRefused(String message) {
        super(message);
    }

    StoreRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
