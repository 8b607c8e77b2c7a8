package id.bontang.pantau.notify;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tests' own HTTP server standing in for Telegram's Bot API ({@code /telegram/bot<token>/<method>}) and for
 * webhook receivers ({@code /hooks/<name>}): it records every request, and answers as a test scripts it (a status
 * and body, or no answer within the client's timeout); unscripted, Telegram's answer is {@code ok} with a new
 * message_id and a webhook's is 204.
 */
public class Receivers implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "123456:test-bot-token-never-logged";

    /** One request as received. */
    public record Request(String path, Map<String, List<String>> headers, String body, java.time.Instant at) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** A scripted answer: {@code hang} keeps the request unanswered (the client times out). */
    public record Answer(int status, String body, boolean hang) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, false);
        }

        public static Answer silent() {
            return new Answer(0, null, true);
        }
    }

    private static volatile HttpServer server;
    private static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<String, Queue<Answer>> SCRIPT = new ConcurrentHashMap<>();
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1000);
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = x.getRequestURI().getPath();
            REQUESTS.add(new Request(path, Map.copyOf(x.getRequestHeaders()), body, java.time.Instant.now()));
            Answer a = scripted(path + " " + body);
            if (a != null && a.hang()) {
                try {
                    NEVER.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                x.close();
                return;
            }
            if (a == null) {
                a = path.startsWith("/telegram/") ? Answer.of(200, "{\"ok\":true,\"result\":{\"message_id\":"
                        + MESSAGE_IDS.incrementAndGet() + "}}") : Answer.of(204, null);
            }
            byte[] out = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        return Map.of("pantau.notify.telegram-api", base() + "/telegram", "pantau.notify.telegram-token", TOKEN);
    }

    private static Answer scripted(String request) {
        for (var e : SCRIPT.entrySet()) {
            if (request.contains(e.getKey())) {
                return e.getValue().poll();
            }
        }
        return null;
    }

    public static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers to requests whose path or body holds {@code part} (a chat id), in order; then the default. */
    public static void script(String part, Answer... answers) {
        SCRIPT.computeIfAbsent(part, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    public static List<Request> requests(String pathPart) {
        return REQUESTS.stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    @Override
    public void stop() {
        NEVER.countDown();
        if (server != null) {
            server.stop(0);
        }
    }
}
