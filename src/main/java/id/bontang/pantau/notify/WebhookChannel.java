package id.bontang.pantau.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON POST of the alarm change, signed in the manner of the Standard Webhooks convention: headers
 * {@code webhook-id} (the same on every retry, so that a receiver drops a repeat), {@code webhook-timestamp} (seconds)
 * and {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}; the secret is {@code whsec_<base64>}
 * (or any text, used as it is). Redirects are not followed.
 */
final class WebhookChannel implements Channel {

    private final HttpClient http;
    private final Duration timeout;
    private final Function<String, Optional<Settings.Webhook>> hooks;
    private final Map<String, String> secrets;

    WebhookChannel(HttpClient http, Duration timeout, Function<String, Optional<Settings.Webhook>> hooks,
            Map<String, String> secrets) {
        this.http = http;
        this.timeout = timeout;
        this.hooks = hooks;
        this.secrets = secrets;
    }

    @Override
    public String unavailable() {
        return null;
    }

    @Override
    public Sent send(Envelope e) {
        Optional<Settings.Webhook> hook = hooks.apply(e.recipient());
        if (hook.isEmpty()) {
            return Sent.failed(null, "no webhook '" + e.recipient() + "' in the notification settings");
        }
        String secret = secrets.get(hook.get().secret());
        if (secret == null) {
            return Sent.failed(null, "the secret '" + hook.get().secret() + "' is not in PANTAU_NOTIFY_WEBHOOK_SECRETS");
        }
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature;
        URI uri;
        try {
            signature = sign(secret, e.messageId() + "." + timestamp + "." + e.json());
            uri = URI.create(hook.get().url());
        } catch (IllegalArgumentException x) { // never the secret or its decoding in the answer
            return Sent.failed(null, "webhook '" + e.recipient() + "': its secret is not whsec_ followed by base64, or its "
                    + "URL is not valid");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "Pantau")
                .header("webhook-id", e.messageId()).header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + signature)
                .POST(HttpRequest.BodyPublishers.ofString(e.json())).build();
        try {
            HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return Sent.byStatus(r.statusCode(), Channel.shortly(Channel.body(r)), null,
                    r.headers().firstValue("Retry-After").flatMap(TelegramChannel::seconds).orElse(null));
        } catch (HttpTimeoutException x) {
            return Sent.retry(null, "no answer within " + timeout.toSeconds() + " s", null);
        } catch (IOException x) {
            return Sent.retry(null, "cannot reach " + request.uri().getHost() + ": " + x.getClass().getSimpleName(), null);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return Sent.retry(null, "interrupted (stopping)", null);
        }
    }

    /** The signature of {@code content} with {@code secret}, as Standard Webhooks computes it. */
    static String sign(String secret, String content) {
        byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException x) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", x);
        }
    }
}
