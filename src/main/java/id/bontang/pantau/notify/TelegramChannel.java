package id.bontang.pantau.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Telegram's Bot API: {@code sendMessage} to a chat (a person or a group). Later changes of the same alarm edit the
 * first message ({@code editMessageText}, so the chat shows the alarm as it stands) and, but for an acknowledgement,
 * follow it up as a reply in its thread. The token is part of the API's address: it never reaches a log or the trail.
 * 429 waits as long as {@code parameters.retry_after} says; an unknown chat or a bot blocked (400, 403) fails for good.
 */
final class TelegramChannel implements Channel {

    private final HttpClient http;
    private final Duration timeout;
    private final String api;
    private final Optional<String> token;
    private final ObjectMapper json;

    TelegramChannel(HttpClient http, Duration timeout, String api, Optional<String> token, ObjectMapper json) {
        this.http = http;
        this.timeout = timeout;
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.token = token.map(String::strip).filter(t -> !t.isBlank()); // a secret file's newline is not part of it
        this.json = json;
    }

    @Override
    public String unavailable() {
        return token.isEmpty() ? "no Telegram bot token (PANTAU_NOTIFY_TELEGRAM_TOKEN)" : null;
    }

    @Override
    public Sent send(Envelope e) {
        if (token.isEmpty()) {
            return Sent.failed(null, unavailable());
        }
        if (e.editRef() != null) {
            ObjectNode edit = json.createObjectNode().put("chat_id", e.recipient()).put("message_id", Long.parseLong(e.editRef()))
                    .put("text", e.text().body());
            Sent edited = call("editMessageText", edit);
            boolean unchanged = edited.answer() != null && edited.answer().contains("message is not modified");
            if (!e.replyToo()) {
                return unchanged ? Sent.ok(edited.status(), edited.answer(), e.editRef()) : edited;
            }
        }
        ObjectNode send = json.createObjectNode().put("chat_id", e.recipient()).put("text", e.text().body());
        send.putObject("link_preview_options").put("is_disabled", true);
        if (e.editRef() != null) {
            send.putObject("reply_parameters").put("message_id", Long.parseLong(e.editRef()))
                    .put("allow_sending_without_reply", true);
        }
        return call("sendMessage", send);
    }

    /** Telegram refuses a text over 4,096 characters: a longer one is cut, and says so. */
    static final int MAX_TEXT = 4096;

    private Sent call(String method, ObjectNode body) {
        String text = body.path("text").asText();
        if (text.length() > MAX_TEXT) {
            body.put("text", text.substring(0, MAX_TEXT - 20) + "\n… (terpotong / cut)");
        }
        HttpRequest request;
        try { // the token is part of the address: an exception here would carry it, so none leaves this method
            request = HttpRequest.newBuilder(URI.create(api + "/bot" + token.get() + "/" + method)).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
        } catch (IllegalArgumentException x) {
            return Sent.failed(null, method + ": the Bot API's address or the token is not valid (check "
                    + "PANTAU_NOTIFY_TELEGRAM_API and PANTAU_NOTIFY_TELEGRAM_TOKEN)");
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String raw = Channel.body(response);
            JsonNode answer = parse(raw);
            String ref = answer.path("result").path("message_id").asText(null);
            String said = answer.has("description") ? answer.path("description").asText() : Channel.shortly(raw);
            Duration wait = answer.path("parameters").has("retry_after")
                    ? Duration.ofSeconds(answer.path("parameters").path("retry_after").asLong()) : null;
            return Sent.byStatus(response.statusCode(), method + ": " + Channel.shortly(said), ref, wait);
        } catch (HttpTimeoutException x) {
            return Sent.retry(null, method + ": no answer within " + timeout.toSeconds() + " s", null);
        } catch (IOException x) {
            return Sent.retry(null, method + ": cannot reach the Bot API (" + x.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return Sent.retry(null, "interrupted (stopping)", null);
        } catch (RuntimeException x) {
            return Sent.retry(null, method + ": the request failed (" + x.getClass().getSimpleName() + ")", null);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** A Retry-After header's seconds (the date form is rare from these providers and is ignored). */
    static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
