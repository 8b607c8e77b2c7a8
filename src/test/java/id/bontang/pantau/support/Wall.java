package id.bontang.pantau.support;

import java.net.URI;

/** Addresses of the running test application. */
public final class Wall {

    private Wall() {
    }

    /** The wall's socket for an HTTP URL of the test application, optionally resuming after {@code since}. */
    public static URI socket(URI http, Long since) {
        String ws = http.toString().replaceFirst("^http", "ws");
        return URI.create(since == null ? ws : ws + "?since=" + since);
    }
}
