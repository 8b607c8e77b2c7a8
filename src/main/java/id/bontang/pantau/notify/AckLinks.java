package id.bontang.pantau.notify;

import id.bontang.pantau.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Acknowledgement links in messages: {@code <alarm>.<expiry>.<nonce>.<HMAC-SHA256>}, signed with a key the instances
 * share (in the database). A link only opens the alarm in the console; acknowledging still needs an operator signed in,
 * and the link works once ({@code notify_link_used}) and until it expires.
 */
final class AckLinks {

    /** What a valid link says. */
    record Link(long alarmId, Instant expires, String nonce) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Supplier<byte[]> key;
    private final SecureRandom random = new SecureRandom();

    AckLinks(Supplier<byte[]> key) {
        this.key = key;
    }

    String token(long alarmId, Instant expires) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = alarmId + "." + expires.getEpochSecond() + "." + B64.encodeToString(nonce);
        return payload + "." + mac(payload);
    }

    /** The link's content, or a problem: 400 not a link of ours (or altered), 410 expired. */
    Link verify(String token, Instant now) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 4) {
            throw invalid();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw invalid();
        }
        Instant expires;
        long alarm;
        try {
            alarm = Long.parseLong(parts[0]);
            expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (!now.isBefore(expires)) {
            throw new ProblemException(410, "link-expired", null, "this link expired at " + expires
                    + "; acknowledge the alarm in the console");
        }
        return new Link(alarm, expires, parts[2]);
    }

    private static ProblemException invalid() {
        return new ProblemException(400, "invalid-link", "link", "link: not a link Pantau made (or it was altered)");
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
