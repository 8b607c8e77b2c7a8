package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.MosquittoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Limits before work on the feed API, over real sockets: the feed and its key are checked before the body is read,
 * an oversize body is refused without being read, and a client that stalls is cut.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class FeedLimitsTest {

    static final int MB = 1024 * 1024;
    static final String KEY = "test-key-umkm-0123456789";

    /** One request over a socket of its own: headers at once, the body from another thread, the answer as it comes. */
    static final class Raw implements AutoCloseable {
        final Socket socket;
        final AtomicLong written = new AtomicLong();
        final CompletableFuture<Throwable> writer = new CompletableFuture<>();

        Raw(String head) throws IOException {
            this(RestAssured.port, head);
        }

        Raw(int port, String head) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        /** Writes {@code total} bytes of body (in chunked encoding when {@code chunked}) until done or refused. */
        Raw send(ExecutorService pool, long total, boolean chunked) {
            pool.execute(() -> {
                byte[] piece = new byte[64 * 1024];
                Arrays.fill(piece, (byte) ' ');
                try {
                    OutputStream out = socket.getOutputStream();
                    while (written.get() < total) {
                        if (chunked) {
                            out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(piece);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        written.addAndGet(piece.length);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    writer.complete(null);
                } catch (IOException e) {
                    writer.complete(e); // the server closed the connection: what a refusal should do
                }
            });
            return this;
        }

        /** The status code of the answer, and its body, up to where the server closes. */
        String[] answer() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    all.write(buf, 0, n);
                    String text = all.toString(StandardCharsets.UTF_8);
                    if (text.contains("\r\n\r\n") && text.endsWith("}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // a reset after the answer was read
            }
            String text = all.toString(StandardCharsets.UTF_8);
            return new String[] { text.length() >= 12 ? text.substring(9, 12) : "none", text };
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String post(String path, String key, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + framing + "\r\n";
    }

    /**
     * Verifies that 48 parallel anonymous 10 MB bodies, half to an unknown feed and half with a wrong key, are
     * answered 404 and 403 within seconds, and that the server stops reading them: no writer gets its body through.
     */
    @Test
    void verifiesThatAnonymousLargeBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<Raw> raws = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 48; i++) {
                boolean unknown = i % 2 == 0;
                raws.add(new Raw(post(unknown ? "/api/v1/feeds/no-such-feed" : "/api/v1/feeds/umkm",
                        unknown ? null : "not-the-key-of-umkm", "Content-Length: " + 10 * MB + "\r\n")).send(pool, 10L * MB, false));
            }
            for (int i = 0; i < raws.size(); i++) {
                String[] a = raws.get(i).answer();
                assertThat(a[0]).as(a[1]).isEqualTo(i % 2 == 0 ? "404" : "403");
                assertThat(a[1]).contains("application/problem+json").contains("Connection: close");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            for (Raw r : raws) {
                await().atMost(Duration.ofSeconds(20)).until(r.writer::isDone);
                assertThat(r.writer.get()).as("the server closed the connection instead of reading on").isNotNull();
                assertThat(r.written.get()).isLessThan(10L * MB);
            }
        } finally {
            for (Raw r : raws) {
                r.close();
            }
            pool.shutdownNow();
        }
    }

    /** Verifies that a declared Content-Length over the limit, with the right key, is 413 before a byte is sent. */
    @Test
    void verifiesThatADeclaredOversizeBodyIs413AtOnce() throws Exception {
        try (Raw r = new Raw(post("/api/v1/feeds/umkm", KEY, "Content-Length: " + 10 * MB + "\r\n"))) {
            String[] a = r.answer();
            assertThat(a[0]).as(a[1]).isEqualTo("413");
            assertThat(a[1]).contains("\"reason\":\"payload-too-large\"").contains("65536");
        }
    }

    /**
     * Verifies that a chunked body with the right key is read no further than the limit: 413, and the connection
     * closed long before 100 MB could be sent.
     */
    @Test
    void verifiesThatAChunkedBodyIsReadNoFurtherThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Raw r = new Raw(post("/api/v1/feeds/umkm", KEY, "Transfer-Encoding: chunked\r\n"))) {
            r.send(pool, 100L * MB, true);
            String[] a = r.answer();
            assertThat(a[0]).as(a[1]).isEqualTo("413");
            assertThat(a[1]).contains("\"reason\":\"payload-too-large\"");
            await().atMost(Duration.ofSeconds(20)).until(r.writer::isDone);
            assertThat(r.writer.get()).isNotNull();
            assertThat(r.written.get()).isLessThan(100L * MB);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Verifies that a small chunked body with the right key is read by the gate and stored by the resource. */
    @Test
    void verifiesThatASmallChunkedBodyIsTaken() throws Exception {
        String json = "{\"values\": {\"orders\": 1}}";
        try (Raw r = new Raw(post("/api/v1/feeds/umkm", KEY, "Transfer-Encoding: chunked\r\n")
                + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")) {
            String[] a = r.answer();
            assertThat(a[0]).as(a[1]).isEqualTo("202");
            assertThat(a[1]).contains("\"accepted\":1");
        }
    }

    /**
     * Verifies that a client asking before it sends ({@code Expect: 100-continue}) is told 404 for an unknown feed
     * without being invited to send, and with the right key is invited, and its body taken.
     */
    @Test
    void verifiesThatAnExpectingClientIsInvitedOnlyWithTheRightKey() throws Exception {
        String json = "{\"values\": {\"orders\": 1}}";
        String framing = "Expect: 100-continue\r\nContent-Length: " + json.length() + "\r\n";
        try (Raw r = new Raw(post("/api/v1/feeds/no-such-feed", KEY, framing))) {
            String[] a = r.answer();
            assertThat(a[0]).as(a[1]).isEqualTo("404");
            assertThat(a[1]).doesNotContain("100 Continue");
        }
        try (Raw r = new Raw(post("/api/v1/feeds/umkm", KEY, framing))) {
            byte[] buf = new byte[25];
            int n = r.socket.getInputStream().read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
            r.socket.getOutputStream().write(json.getBytes(StandardCharsets.US_ASCII));
            String[] a = r.answer();
            assertThat(a[1]).as("one invitation only").startsWith("HTTP/1.1 202 ").contains("\"accepted\":1");
        }
    }

    /** Verifies that a client that stops in the middle of its headers is cut within the idle timeout (30 s). */
    @Test
    void verifiesThatAStalledClientIsCut() throws Exception {
        try (Socket s = new Socket("127.0.0.1", RestAssured.port)) {
            s.getOutputStream().write("POST /api/v1/feeds/umkm HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long started = System.nanoTime();
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.getInputStream().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            await().atMost(Duration.ofSeconds(40)).until(read::isDone);
            assertThat(read.get()).as("closed, nothing answered").isLessThan(0);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(20));
        }
    }
}
