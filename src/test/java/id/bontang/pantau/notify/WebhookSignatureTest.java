package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Verifies that webhooks are signed as the Standard Webhooks convention says, so that a receiver using any of its
 * libraries accepts them: HMAC-SHA256 of {@code id.timestamp.body} with the base64 key after {@code whsec_}.
 */
class WebhookSignatureTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TIMESTAMP = "1614265330";
    static final String BODY = "{\"test\": 2432232314}";

    /** The same computation written out here, independently of the channel's. */
    static String hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesTheSignatureOfTheStandardWebhooksTestVector() throws Exception {
        String content = ID + "." + TIMESTAMP + "." + BODY;
        assertThat(WebhookChannel.sign(SECRET, content)).isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        assertThat(hmac(key, content)).as("computed here independently").isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesThatAnyChangeOfIdTimestampOrBodyChangesTheSignature() {
        String signed = WebhookChannel.sign(SECRET, ID + "." + TIMESTAMP + "." + BODY);
        assertThat(WebhookChannel.sign(SECRET, ID + "." + "1614265331" + "." + BODY)).isNotEqualTo(signed);
        assertThat(WebhookChannel.sign(SECRET, "msg_other" + "." + TIMESTAMP + "." + BODY)).isNotEqualTo(signed);
        assertThat(WebhookChannel.sign(SECRET, ID + "." + TIMESTAMP + "." + "{\"test\": 2432232315}")).isNotEqualTo(signed);
        assertThat(WebhookChannel.sign("whsec_" + Base64.getEncoder().encodeToString(new byte[24]),
                ID + "." + TIMESTAMP + "." + BODY)).isNotEqualTo(signed);
    }

    @Test
    void verifiesThatASecretWithoutThePrefixIsUsedAsItsText() throws Exception {
        String content = ID + "." + TIMESTAMP + "." + BODY;
        assertThat(WebhookChannel.sign("rahasia-siaga", content))
                .isEqualTo(hmac("rahasia-siaga".getBytes(StandardCharsets.UTF_8), content));
    }

    @Test
    void verifiesThatABodyBeyondAsciiIsSignedAsUtf8() throws Exception {
        String content = ID + "." + TIMESTAMP + ".{\"area\":\"Bontang Kuala — pasang\"}";
        byte[] key = Base64.getDecoder().decode(SECRET.substring(6));
        assertThat(WebhookChannel.sign(SECRET, content)).isEqualTo(hmac(key, content));
    }
}
