package id.bontang.pantau.wall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.indicator.TileState;
import id.bontang.pantau.indicator.TileStates;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tiles as the wall knows them, and everyone watching. Each change becomes a delta with the next
 * {@code seq}, encoded once and written to every client; the last deltas are kept so that a client that
 * reconnects with {@code since} gets exactly what it missed.
 *
 * <p>{@code seq} starts at the start time in microseconds, so it also keeps increasing across restarts:
 * a client that resumes against a restarted server gets a snapshot with a larger {@code seq}, never a smaller one.
 *
 * <p>Threads: the engine's thread and the alarm engine call in with changes; the hub's lock guards its tiles, history
 * and seq, and is held to queue each message on every client's own context ({@link WallClient#deliver}), never while a
 * socket is written. The event loop takes it only to register a socket (its snapshot and place in the seq order).
 */
@Startup
@Singleton
public class TileHub implements TileStates {

    public static final String CLIENTS = "pantau.wall.clients";
    public static final String DELAY = "pantau.wall.delay";
    public static final String TILES = "pantau.tiles";
    public static final String COALESCED = "pantau.wall.coalesced";
    public static final String DISCONNECTED = "pantau.wall.disconnected";

    /** One message sent: tiles changed, or alarms changed; held for clients that resume. */
    record Change(long seq, String json, List<Tile> tiles, List<WallAlarm> alarms, Object alarmSummary, boolean snapshot) {

        Change(long seq, String json, List<Tile> tiles, List<WallAlarm> alarms, Object alarmSummary) {
            this(seq, json, tiles, alarms, alarmSummary, false);
        }
    }

    private final ObjectMapper json;
    private final int historySize;
    private final Map<String, Tile> tiles = new LinkedHashMap<>();
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    /** The open alarms, for snapshots, and the newest summary (counts, flood). */
    private final Map<String, WallAlarm> alarms = new LinkedHashMap<>();
    private Object alarmSummary;
    private final ZoneId zone;
    private final LiveCatalog catalog;
    /** Added under the lock (a snapshot and a place in the seq order), removed without it (from the event loop). */
    private final Set<WallClient> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Sparklines sparklines;
    private final long firstSeq;
    private final WallMeters meters;
    private long seq;
    /** When the engine last evaluated the tiles: the wall marks every tile stale when this falls behind. */
    private volatile long evaluatedAt = Long.MIN_VALUE;

    public TileHub(ObjectMapper json, WallConfig config, MeterRegistry registry, LiveCatalog catalog) {
        this.json = json;
        this.catalog = catalog;
        this.zone = catalog.current().zone(); // the city's zone changes only with a restart (edit/CatalogCheck)
        this.historySize = config.history();
        this.sparklines = new Sparklines(config.sparklineHours());
        this.firstSeq = System.currentTimeMillis() * 1000;
        this.seq = firstSeq;
        this.meters = new WallMeters(registry, this, this::count);
    }

    /** The hub follows the engine from the start: the walls get every change, beginning with the tiles as they stand. */
    @Inject
    void follow(IndicatorEngine engine) {
        engine.listen(this);
    }

    void coalesced() {
        meters.coalesced();
    }

    void closed(String reason) {
        meters.closed(reason);
    }

    private synchronized long count(String freshness) {
        return tiles.values().stream().filter(t -> freshness.equals(t.freshness())).count();
    }

    /** Publishes the engine's changed tiles, in the wall's words, as one delta to every client. */
    @Override
    public synchronized void changed(List<TileState> changed) {
        seq++;
        List<Tile> copy = new ArrayList<>(changed.size());
        long now = System.currentTimeMillis();
        for (TileState s : changed) {
            Tile t = Tile.of(s, zone);
            copy.add(t);
            Tile before = tiles.put(t.id(), t);
            if (s.updatedAt() == null) {
                continue;
            }
            long at = s.updatedAt().toEpochMilli();
            if (before == null || !t.updatedAt().equals(before.updatedAt())) {
                // A new input: how long it took from its own time to leaving for the walls.
                meters.delay(Math.max(0, now - at));
            }
            sparklines.add(t, at, now);
        }
        send(new Change(seq, encode(WallMessage.delta(seq, copy)), copy, List.of(), null));
    }

    /**
     * A new catalog: the tiles are the engine's new set, in its order, and every wall gets a snapshot of them at the
     * next {@code seq}, with the catalog's version (docs/wall-protocol.md): new tiles, titles and areas without a reload.
     */
    @Override
    public synchronized void rebuilt(List<TileState> all) {
        seq++;
        tiles.clear();
        all.forEach(s -> tiles.put(s.id(), Tile.of(s, zone)));
        sparklines.keep(tiles.keySet());
        List<Tile> copy = List.copyOf(tiles.values());
        send(new Change(seq, snapshot(), copy, List.copyOf(alarms.values()), alarmSummary, true));
    }

    /** Alarms changed (closed ones leave the snapshot): one {@code alarms} message, in the same {@code seq} order. */
    public synchronized void publishAlarms(List<WallAlarm> changed, Object summary) {
        seq++;
        for (WallAlarm a : changed) {
            if (a.open()) {
                alarms.put(a.id(), a);
            } else {
                alarms.remove(a.id());
            }
        }
        alarmSummary = summary;
        List<WallAlarm> copy = List.copyOf(changed);
        String text = encode(WallMessage.alarms(seq, copy.stream().map(WallAlarm::alarm).toList(), summary));
        send(new Change(seq, text, List.of(), copy, summary));
    }

    private void send(Change change) {
        history.addLast(change);
        if (history.size() > historySize) {
            history.removeFirst();
        }
        for (WallClient c : clients) { // queued on each client's own context: no socket is written under this lock
            c.deliver(() -> c.send(change));
        }
    }

    /**
     * Registers a client and sends it where to start: the deltas after {@code since} when they are all
     * still held, otherwise a snapshot. Done under the same lock as {@link #publish} so no delta is missed
     * or sent twice.
     */
    public synchronized void connect(WallClient client, Long since) {
        if (since != null && since <= seq && (history.isEmpty() ? since == seq : since >= history.peekFirst().seq() - 1)
                && since >= firstSeq) {
            List<Change> missed = history.stream().filter(d -> d.seq() > since).toList();
            client.deliver(() -> missed.forEach(client::resend));
        } else {
            String snapshot = snapshot();
            long at = seq;
            client.deliver(() -> client.write(snapshot, at));
        }
        clients.add(client);
    }

    /** The engine has evaluated the tiles (whether or not any changed). */
    @Override
    public void evaluated(long millis) {
        evaluatedAt = millis;
    }

    public long evaluatedAt() {
        return evaluatedAt;
    }

    /**
     * A ping and a heartbeat message to every client (the same text for all): the server's time and when the
     * engine last evaluated the tiles, so that a page can tell a stalled server from a calm city.
     */
    public void heartbeat() {
        long now = System.currentTimeMillis();
        String text = encode(Heartbeat.message(now, evaluatedAt, zone));
        for (WallClient c : clients()) {
            c.deliver(() -> c.heartbeat(text, now));
        }
    }

    /** Each tile's values of the last {@code hours}, one point a minute: [[epoch millis, value], …]. */
    public synchronized Map<String, List<double[]>> sparklines(int hours) {
        return sparklines.last(hours, System.currentTimeMillis());
    }

    /** Every connected wall's health (docs/wall-protocol.md): what it reported rendering, and when. */
    public List<WallHealth.Wall> walls(WallConfig config) {
        long now = System.currentTimeMillis();
        return List.copyOf(clients).stream().filter(c -> c.wall).map(c -> c.health(now, config, c.address())).toList();
    }

    /** The clients connected now. */
    List<WallClient> clients() {
        return List.copyOf(clients);
    }

    public void disconnect(WallClient client) {
        clients.remove(client);
    }

    /** The tiles as last published, in catalog order: what a snapshot holds. */
    public synchronized List<Tile> tiles() {
        return new ArrayList<>(tiles.values());
    }

    /** The open alarms as the walls know them. */
    public synchronized List<Object> alarms() {
        return alarms.values().stream().map(WallAlarm::alarm).toList();
    }

    public synchronized long seq() {
        return seq;
    }

    synchronized String snapshot() {
        return encode(new WallMessage("snapshot", seq, new ArrayList<>(tiles.values()),
                alarms.values().stream().map(WallAlarm::alarm).toList(), alarmSummary, catalog.number()));
    }

    /** Encodes a coalesced delta for one slow client. */
    String encode(Object m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tile not encodable", e);
        }
    }

    int clientCount() {
        return clients.size();
    }
}
