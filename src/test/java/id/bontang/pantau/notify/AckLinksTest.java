package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import id.bontang.pantau.api.ProblemException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Verifies acknowledgement links: a token made by Pantau says its alarm and expiry; one altered anywhere, or signed with
 * another key, is refused as not ours (400); one past its expiry is refused as expired (410).
 */
class AckLinksTest {

    static final Instant NOW = Instant.parse("2026-12-04T01:15:00Z");
    static final Instant EXPIRES = NOW.plusSeconds(24 * 3600);

    final byte[] key = filled(32, (byte) 7);
    final AckLinks links = new AckLinks(() -> key);

    static byte[] filled(int n, byte b) {
        byte[] k = new byte[n];
        Arrays.fill(k, b);
        return k;
    }

    static ProblemException refused(AckLinks links, String token, Instant at, int status) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> links.verify(token, at));
        assertThat(e).as("refused: " + token).isNotNull();
        assertThat(e.status()).isEqualTo(status);
        return e;
    }

    static String part(String token, int i, String replacement) {
        String[] parts = token.split("\\.");
        parts[i] = replacement;
        return String.join(".", parts);
    }

    @Test
    void verifiesThatATokenVerifiesToItsAlarmAndExpiry() {
        String token = links.token(42, EXPIRES);
        assertThat(token).matches("42\\.\\d+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        AckLinks.Link link = links.verify(token, NOW);
        assertThat(link.alarmId()).isEqualTo(42);
        assertThat(link.expires()).isEqualTo(EXPIRES);
        assertThat(link.nonce()).isNotBlank();
        assertThat(links.verify(token, EXPIRES.minusSeconds(1)).alarmId()).isEqualTo(42);
    }

    @Test
    void verifiesThatEachTokenHasItsOwnNonce() {
        AckLinks.Link a = links.verify(links.token(42, EXPIRES), NOW);
        AckLinks.Link b = links.verify(links.token(42, EXPIRES), NOW);
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
    }

    @Test
    void verifiesThatAnAlteredAlarmIdIsRefused() {
        String token = links.token(42, EXPIRES);
        ProblemException e = refused(links, part(token, 0, "43"), NOW, 400);
        assertThat(e.reason()).isEqualTo("invalid-link");
        assertThat(e.getMessage()).contains("not a link Pantau made (or it was altered)");
    }

    @Test
    void verifiesThatAnAlteredExpiryIsRefused() {
        String token = links.token(42, EXPIRES);
        refused(links, part(token, 1, String.valueOf(EXPIRES.getEpochSecond() + 86400)), NOW, 400);
    }

    @Test
    void verifiesThatAnAlteredNonceOrSignatureIsRefused() {
        String token = links.token(42, EXPIRES);
        String sig = token.split("\\.")[3];
        String other = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        refused(links, part(token, 3, other), NOW, 400);
        refused(links, part(token, 3, sig.substring(0, sig.length() - 1)), NOW, 400);
        refused(links, part(token, 2, "AAAAAAAAAAAAAAAAAAAAAA"), NOW, 400);
        refused(links, token + ".x", NOW, 400);
        refused(links, "42", NOW, 400);
        refused(links, "", NOW, 400);
        refused(links, null, NOW, 400);
    }

    @Test
    void verifiesThatAnExpiredTokenIsRefusedAsExpired() {
        String token = links.token(42, EXPIRES);
        ProblemException e = refused(links, token, EXPIRES, 410);
        assertThat(e.reason()).isEqualTo("link-expired");
        assertThat(e.getMessage()).contains("acknowledge the alarm in the console");
        refused(links, token, EXPIRES.plusSeconds(3600), 410);
    }

    @Test
    void verifiesThatATokenSignedWithAnotherKeyIsRefused() {
        String theirs = new AckLinks(() -> filled(32, (byte) 8)).token(42, EXPIRES);
        refused(links, theirs, NOW, 400);
    }
}
