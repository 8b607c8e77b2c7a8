package id.bontang.pantau.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A wall as tests play it: a JDK WebSocket that keeps every snapshot and delta it receives, and counts heartbeats. */
public final class WallClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger heartbeats = new java.util.concurrent.atomic.AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile boolean closed;

    public WallClient(URI uri) {
        this(uri, null, null);
    }

    /** As a signed-in user (HTTP Basic on the upgrade), so that the server can tell walls apart. */
    public WallClient(URI uri, String user, String password) {
        try {
            var builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (user != null) {
                builder.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            socket = builder.buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + uri, e);
        }
    }

    /** What a wall page says: the last seq it rendered and how long rendering took. */
    public void report(long seq, long lagMillis) {
        socket.sendText("{\"type\":\"report\",\"seq\":" + seq + ",\"lag\":" + lagMillis + "}", true)
                .orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode m = JSON.readTree(partial.toString());
                if ("heartbeat".equals(m.path("type").asText())) {
                    heartbeats.incrementAndGet();
                } else {
                    messages.add(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed = true;
        return null;
    }

    public List<JsonNode> messages() {
        return messages;
    }

    public int heartbeats() {
        return heartbeats.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /** The newest state of a tile over everything received so far, or null. */
    public JsonNode tile(String id) {
        JsonNode found = null;
        for (JsonNode m : messages) {
            for (JsonNode t : m.path("tiles")) {
                if (t.get("id").asText().equals(id)) {
                    found = t;
                }
            }
        }
        return found;
    }

    /** The newest state of an alarm over everything received so far (snapshots and alarms messages), or null. */
    public JsonNode alarm(long id) {
        JsonNode found = null;
        for (JsonNode m : messages) {
            for (JsonNode a : m.path("alarms")) {
                if (a.get("id").asLong() == id) {
                    found = a;
                }
            }
        }
        return found;
    }

    public long lastSeq() {
        return messages.isEmpty() ? -1 : messages.get(messages.size() - 1).get("seq").asLong();
    }

    @Override
    public void close() {
        if (!closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
