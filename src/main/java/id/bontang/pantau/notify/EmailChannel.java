package id.bontang.pantau.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import java.time.Duration;

/**
 * Email through SMTP with Quarkus Mailer (quarkus.mailer.*: host, port, TLS, login): plain text and HTML in one
 * message. An SMTP reply of 550-553 (no such mailbox, full, refused) fails for good; a connection that fails, a 4xx, or
 * another 5xx (the login refused, TLS) is retried.
 */
final class EmailChannel implements Channel {

    private final Mailer mailer;
    private final String from;
    private final String unavailable;

    EmailChannel(Mailer mailer, String from, String unavailable) {
        this.mailer = mailer;
        this.from = from;
        this.unavailable = unavailable;
    }

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public Sent send(Envelope e) {
        if (unavailable != null) {
            return Sent.failed(null, unavailable);
        }
        Mail mail = Mail.withText(e.recipient(), e.text().subject(), e.text().body()).setHtml(Messages.html(e.text()))
                .setFrom(from).addHeader("Message-ID", "<" + e.messageId() + "@pantau>");
        try {
            mailer.send(mail);
            return Sent.ok(250, "accepted by the SMTP server", null);
        } catch (RuntimeException x) {
            Integer code = replyCode(x);
            String said = Channel.shortly(x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage());
            // 550-553: this mailbox (unknown, full, refused); anything else, 530/535 (the login) or a TLS problem included,
            // is the server's or its configuration's and is retried while someone mends it.
            return code != null && code >= 550 && code <= 553 ? Sent.failed(code, said) : Sent.retry(code, said, (Duration) null);
        }
    }

    /** The SMTP reply code in the failure's chain, when the server answered. */
    private static Integer replyCode(Throwable x) {
        for (Throwable t = x; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.ext.mail.SMTPException s) {
                return s.getReplyCode();
            }
        }
        return null;
    }
}
