package id.bontang.pantau.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port, where Pantau's emails arrive in the tests. */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail mail;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false", "quarkus.mailer.start-tls", "DISABLED");
    }

    /** Every message received so far. */
    public static List<MimeMessage> received() {
        return List.of(mail.getReceivedMessages());
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
    }
}
