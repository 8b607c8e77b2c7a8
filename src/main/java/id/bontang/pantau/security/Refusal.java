package id.bontang.pantau.security;

import id.bontang.pantau.api.Problem;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the plain Vert.x routes of this package share: an RFC 9457 problem answer, and SHA-256 digests of secrets. */
final class Refusal {

    private Refusal() {
    }

    /** Ends the request with a problem body ({@code reason} as in the JAX-RS resources' problems). */
    static void send(RoutingContext rc, int status, String title, String reason, String detail) {
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(new Problem("about:blank", title, status, detail, reason, null).json().encode());
    }

    /** A secret is held only as this. */
    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
