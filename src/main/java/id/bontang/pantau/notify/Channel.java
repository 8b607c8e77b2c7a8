package id.bontang.pantau.notify;

import java.time.Duration;

/** One way of telling someone: email, Telegram or a webhook. A channel never throws: its answer says what happened. */
interface Channel {

    /** What a channel is given: the address, the words, the JSON for machines, and the message to edit (Telegram). */
    record Envelope(String recipient, Messages.Text text, String json, String messageId, String editRef,
            boolean replyToo) {
    }

    enum Result { SENT, RETRY, FAILED }

    /**
     * What came of it: {@code ref} is the provider's id of the message (Telegram's message_id), {@code retryAfter} the
     * wait the provider asked for, if any.
     */
    record Sent(Result result, Integer status, String answer, String ref, Duration retryAfter) {

        static Sent ok(Integer status, String answer, String ref) {
            return new Sent(Result.SENT, status, answer, ref, null);
        }

        static Sent retry(Integer status, String answer, Duration after) {
            return new Sent(Result.RETRY, status, answer, null, after);
        }

        static Sent failed(Integer status, String answer) {
            return new Sent(Result.FAILED, status, answer, null, null);
        }

        /** 5xx, 408 and 429 are temporary; other 4xx are the request's fault and fail for good. */
        static Sent byStatus(int status, String answer, String ref, Duration retryAfter) {
            if (status >= 200 && status < 300) {
                return ok(status, answer, ref);
            }
            return status >= 500 || status == 408 || status == 429 ? retry(status, answer, retryAfter) : failed(status, answer);
        }
    }

    /** Whether the channel can send at all (a token or server configured); the reason otherwise. */
    String unavailable();

    Sent send(Envelope e);

    /** At most this much of a provider's answer is read: a receiver cannot make Pantau hold a large body. */
    int MAX_ANSWER = 4096;

    /** The start of an answer's body (the rest is not read). */
    static String body(java.net.http.HttpResponse<java.io.InputStream> r) throws java.io.IOException {
        try (java.io.InputStream in = r.body()) {
            return new String(in.readNBytes(MAX_ANSWER), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A provider's answer, short enough for the trail and never with a secret in it. */
    static String shortly(String answer) {
        if (answer == null) {
            return null;
        }
        String s = answer.replaceAll("\\s+", " ").strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
