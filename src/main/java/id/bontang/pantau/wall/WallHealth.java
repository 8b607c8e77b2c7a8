package id.bontang.pantau.wall;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Whether each physical wall shows current data. Every page reports over its socket, every few seconds, the
 * last {@code seq} it rendered and how long rendering took; a page that stops reporting (a frozen browser, a
 * hung tab, a kiosk asleep) is {@code frozen}, one that renders late or falls behind what it was sent is
 * {@code lagging}. {@code GET /api/v1/walls}, the metric {@value #WALLS} and the {@code wall-frozen} alarm read it.
 */
@Singleton
public class WallHealth implements id.bontang.pantau.alarm.FrozenWalls {

    public static final String WALLS = "pantau.walls";
    public static final String OK = "ok";
    public static final String LAGGING = "lagging";
    public static final String FROZEN = "frozen";

    /** One connected wall page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Wall(String who, String address, String userAgent, Instant connectedSince, Instant lastReport,
            Long renderedSeq, Long lagMillis, String state) {

        /** How it is named to operators: the display's or user's name, else its address. */
        public String label() {
            return who != null && !who.isBlank() ? who : address;
        }

        /** The name with the address too, for an alarm that must say which screen (one user may sign in on several). */
        public String where() {
            return who != null && !who.isBlank() && address != null ? who + " (" + address + ")" : label();
        }
    }

    private final TileHub hub;
    private final WallConfig config;

    public WallHealth(TileHub hub, WallConfig config, MeterRegistry registry) {
        this.hub = hub;
        this.config = config;
        for (String state : List.of(OK, LAGGING, FROZEN)) {
            Gauge.builder(WALLS, this, h -> h.walls().stream().filter(w -> w.state().equals(state)).count())
                    .tag("state", state).description("Connected wall pages by health: ok, lagging, frozen").register(registry);
        }
    }

    public List<Wall> walls() {
        return hub.walls(config);
    }

    /** The walls rule's question: which walls are frozen, by name or address. */
    @Override
    public List<String> frozen() {
        return walls().stream().filter(w -> w.state().equals(FROZEN)).map(Wall::where).sorted().toList();
    }
}
