package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.ingest.FeedLimitsTest.Raw;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The packaged server on a 128 MB heap under what took a 512 MB one down: rounds of 48 parallel 10 MB bodies (to an
 * unknown feed, with a wrong key, and chunked with the right key), 1.4 GB in all. Each is refused, the server
 * does not run out of memory and still takes a good record afterwards.
 */
class FeedLimitsIT {

    static final int MB = 1024 * 1024;
    static final String KEY = "umkm-key-0123456789";

    @Test
    void verifiesThatLargeBodiesInParallelCannotExhaustASmallHeap() throws Exception {
        try (Mosquitto broker = new Mosquitto().start()) {
            PantauProcess pantau = new PantauProcess(PantauProcess.env(broker.pantauEnv(),
                    Map.of("PANTAU_FEED_KEYS", "umkm=" + KEY))).jvm("-Xmx128m").start();
            ExecutorService pool = Executors.newFixedThreadPool(48);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Raw> raws = new ArrayList<>();
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < 48; i++) {
                        switch (i % 3) {
                            case 0 -> raws.add(new Raw(pantau.port(), FeedLimitsTest.post("/api/v1/feeds/no-such-feed", null,
                                    "Content-Length: " + 10 * MB + "\r\n")).send(pool, 10L * MB, false));
                            case 1 -> raws.add(new Raw(pantau.port(), FeedLimitsTest.post("/api/v1/feeds/umkm", "a-wrong-key-0123456789",
                                    "Content-Length: " + 10 * MB + "\r\n")).send(pool, 10L * MB, false));
                            default -> raws.add(new Raw(pantau.port(), FeedLimitsTest.post("/api/v1/feeds/umkm", KEY,
                                    "Transfer-Encoding: chunked\r\n")).send(pool, 10L * MB, true));
                        }
                        expected.add(List.of("404", "403", "413").get(i % 3));
                    }
                    for (int i = 0; i < raws.size(); i++) {
                        try (Raw r = raws.get(i)) {
                            String[] a = r.answer();
                            assertThat(a[0]).as(a[1]).isEqualTo(expected.get(i));
                            await().atMost(Duration.ofSeconds(20)).until(r.writer::isDone);
                            assertThat(r.written.get()).as("not read to the end").isLessThan(10L * MB);
                        }
                    }
                }
                pantau.http().contentType("application/json").header("Authorization", "Bearer " + KEY)
                        .body("{\"values\": {\"orders\": 1}}").post("/api/v1/feeds/umkm").then().statusCode(202);
                assertThat(Files.readString(pantau.log().toPath())).doesNotContain("OutOfMemoryError");
            } finally {
                pool.shutdownNow();
                pantau.close();
            }
        }
    }
}
