package id.bontang.pantau.notify;

import id.bontang.pantau.support.EditedCatalog;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The application the notification tests share (one start): the default catalog with the flood-level alarm clearing
 * at once, retries and limits short enough to watch, a webhook secret in the Standard Webhooks form.
 */
public class NotifyApplication implements QuarkusTestProfile {

    public static final String HOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pantau.catalog", new EditedCatalog()
                .replace("(- id: flood-level\\n(?:    .*\\n)*?)    offDelay: 2m\\n", "$1").write(),
                "pantau.notify.first-retry", "1s", "pantau.notify.max-retry", "2s", "pantau.notify.timeout", "2s",
                "pantau.notify.poll", "300ms", "pantau.notify.rate-per-recipient", "3", "pantau.notify.rate-window", "12s",
                "pantau.notify.webhook-secrets", "hook=" + HOOK_SECRET + ",plain=plain-secret-0123456789",
                "pantau.notify.console-url", "http://pantau.test");
    }
}
