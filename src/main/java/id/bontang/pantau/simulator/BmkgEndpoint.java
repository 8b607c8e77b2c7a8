package id.bontang.pantau.simulator;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * With the simulator on, {@code GET /simulator/bmkg/autogempa.json}: BMKG's latest-earthquake JSON as their site
 * documents it, a new quake every 20 minutes, with an {@code ETag} (and 304 for {@code If-None-Match}), so that the
 * built-in catalog's pull feed works on a machine without the internet (dev mode points it here).
 */
@Singleton
public class BmkgEndpoint {

    private static final long EVERY = 20 * 60_000L;
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    private final SimulatorConfig config;

    BmkgEndpoint(SimulatorConfig config) {
        this.config = config;
    }

    void route(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        router.get("/simulator/bmkg/autogempa.json").handler(rc -> {
            long at = System.currentTimeMillis() / EVERY * EVERY;
            String etag = "\"" + Long.toHexString(at) + "\"";
            if (etag.equals(rc.request().getHeader("If-None-Match"))) {
                rc.response().setStatusCode(304).putHeader("ETag", etag).end();
                return;
            }
            rc.response().putHeader("Content-Type", "application/json").putHeader("ETag", etag).end(quake(at));
        });
    }

    /** The quake of a 20-minute slot: magnitude 2.5 to 6.4 and depth 5 to 64 km, from the seed and the slot. */
    String quake(long at) {
        long h = (at / EVERY) * 6364136223846793005L + config.seed();
        double magnitude = 2.5 + Math.floorMod(h >>> 7, 40) / 10.0;
        int depth = 5 + (int) Math.floorMod(h >>> 17, 60);
        Instant t = Instant.ofEpochMilli(at);
        var wib = t.atZone(WIB);
        return "{\"Infogempa\":{\"gempa\":{\"Tanggal\":\"" + wib.format(DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.forLanguageTag("id")))
                + "\",\"Jam\":\"" + wib.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " WIB\",\"DateTime\":\""
                + t.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\",\"Coordinates\":\"-0.12,118.01\","
                + "\"Lintang\":\"0.12 LS\",\"Bujur\":\"118.01 BT\",\"Magnitude\":\"" + magnitude + "\",\"Kedalaman\":\"" + depth
                + " km\",\"Wilayah\":\"Pusat gempa berada di laut 64 km Timur Bontang (simulasi)\",\"Potensi\":\"Tidak berpotensi "
                + "tsunami\",\"Dirasakan\":\"-\",\"Shakemap\":\"simulasi.mmi.jpg\"}}}";
    }
}
