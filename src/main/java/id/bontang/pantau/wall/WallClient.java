package id.bontang.pantau.wall;

import id.bontang.pantau.security.Credential;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connected wall. While it keeps up, it gets the hub's shared encoded deltas as they are. When its
 * socket is full, or deltas come faster than its rate allows, further changes are coalesced by tile (the
 * newest state of a tile replaces an unsent older one) and sent as one delta when the socket drains or the
 * rate allows; a client that stays behind longer than the allowed lag, or answers no ping, is closed.
 * Memory per client is bounded by the number of tiles.
 *
 * <p>Confined to its socket's Vert.x context: the hub hands it messages with {@link #deliver} (a task queued on that
 * context, in the hub's order) and never writes to a socket itself, so no thread waits for another's fan-out and the
 * event loop never waits for the hub. Only the page's reports are read from elsewhere (volatile fields).
 */
public final class WallClient {

    /** The close code that tells a page its sign-in ended (4000-4999: the application's own). */
    public static final short SIGNED_OUT = 4401;

    private final ServerWebSocket ws;
    private final TileHub hub;
    private final Vertx vertx;
    private final Context context;
    private final long maxLagMillis;
    private final long minIntervalMillis;
    private final long deadAfterMillis;
    private final Map<String, Tile> pending = new LinkedHashMap<>();
    private long pendingSeq;
    /** Alarm changes held like tiles: the newest state of each alarm, sent as one alarms message. */
    private final Map<String, WallAlarm> pendingAlarms = new LinkedHashMap<>();
    private long pendingAlarmSeq;
    private Object pendingSummary;
    private long lastWrite;
    private long behindSince = -1;
    private boolean flushScheduled;
    private volatile long lastPong = System.currentTimeMillis();
    /** Who and what it is, for {@code GET /api/v1/walls}. */
    final String who;
    final String userAgent;
    final long connectedAt = System.currentTimeMillis();
    /** False for an operator's console ({@code ?client=console}): it gets everything but is no wall to watch. */
    final boolean wall;
    /** What the page last reported: when, the seq it had rendered, and how long rendering took (ms). */
    private volatile long reportedAt = -1;
    private volatile long renderedSeq = -1;
    private volatile long renderLag = -1;
    /** The seq of each message written, with its time: how far behind a report is. Bounded (oldest dropped). */
    private final java.util.Deque<long[]> sent = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** What its sign-in stands on, checked again while it is open (null: anonymous, or the identity provider's). */
    final Credential credential;

    WallClient(ServerWebSocket ws, TileHub hub, Vertx vertx, WallConfig config, String who, String userAgent, boolean wall,
            Credential credential) {
        this.wall = wall;
        this.credential = credential;
        this.ws = ws;
        this.who = who;
        this.userAgent = userAgent;
        this.hub = hub;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext(); // built on the socket's event loop: its context
        this.maxLagMillis = config.maxLag().toMillis();
        this.minIntervalMillis = 1000L / Math.max(1, config.maxDeltasPerSecond());
        this.deadAfterMillis = 3 * config.heartbeat().toMillis();
        ws.setWriteQueueMaxSize(config.writeQueueBytes());
        ws.pongHandler(b -> lastPong = System.currentTimeMillis());
    }

    /** Hands {@code task} to this client's context: the hub's calls, in its order. */
    void deliver(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** A message from the hub. */
    void send(TileHub.Change c) {
        long now = System.currentTimeMillis();
        if (c.snapshot()) { // a new catalog's tiles: everything held before is in it
            pending.clear();
            pendingAlarms.clear();
            pendingSummary = null;
            pendingSeq = 0;
            pendingAlarmSeq = 0;
            write(c.json(), c.seq(), now);
            return;
        }
        if (nothingPending() && !ws.writeQueueFull() && now - lastWrite >= minIntervalMillis) {
            write(c.json(), c.seq(), now);
            return;
        }
        hold(c);
        if (ws.writeQueueFull()) {
            behind(now);
        } else if (!flushScheduled) {
            flushScheduled = true;
            vertx.setTimer(Math.max(1, lastWrite + minIntervalMillis - now), id -> flush());
        }
    }

    private boolean nothingPending() {
        return pending.isEmpty() && pendingAlarms.isEmpty();
    }

    private void hold(TileHub.Change c) {
        for (Tile t : c.tiles()) {
            if (pending.put(t.id(), t) != null) {
                hub.coalesced();
            }
        }
        if (!c.tiles().isEmpty()) {
            pendingSeq = c.seq();
        }
        if (!c.alarms().isEmpty() || c.alarmSummary() != null) {
            c.alarms().forEach(a -> pendingAlarms.put(a.id(), a));
            pendingAlarmSeq = c.seq();
            pendingSummary = c.alarmSummary();
        }
    }

    private void behind(long now) {
        if (behindSince < 0) {
            behindSince = now;
            ws.drainHandler(v -> flush());
        } else if (now - behindSince > maxLagMillis) {
            closeSlow(now);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (nothingPending() || ws.isClosed()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (ws.writeQueueFull()) {
            behind(now);
            return;
        }
        behindSince = -1;
        // One message, at the newest seq it covers: a delta that carries the alarms too when both changed, so that a
        // client cut off after it and resuming from its seq has missed nothing of either.
        long seq = Math.max(pendingSeq, pendingAlarmSeq);
        boolean alarms = !pendingAlarms.isEmpty() || pendingSummary != null;
        WallMessage m = pending.isEmpty()
                ? WallMessage.alarms(seq, pendingAlarms.values().stream().map(WallAlarm::alarm).toList(), pendingSummary)
                : new WallMessage("delta", seq, List.copyOf(pending.values()),
                        alarms ? pendingAlarms.values().stream().map(WallAlarm::alarm).toList() : null,
                        alarms ? pendingSummary : null);
        pending.clear();
        pendingAlarms.clear();
        pendingSummary = null;
        pendingSeq = 0;
        pendingAlarmSeq = 0;
        write(hub.encode(m), seq, now);
    }

    /** Every heartbeat interval: a ping (the browser answers it), and a heartbeat message it can see. */
    void heartbeat(String text, long now) {
        if (now - lastPong > deadAfterMillis) {
            close(1001, "unresponsive", "no answer to pings for " + (now - lastPong) + " ms");
            return;
        }
        if (behindSince >= 0 && now - behindSince > maxLagMillis) {
            closeSlow(now);
            return;
        }
        if (!ws.isClosed()) {
            ws.writePing(Buffer.buffer("pantau"));
            if (nothingPending() && !ws.writeQueueFull()) {
                ws.writeTextMessage(text);
            }
        }
    }

    /**
     * A held delta for a resuming client: sent as it was while the socket takes it, so that the client sees
     * each change it missed; coalesced like live ones once the socket is full.
     */
    void resend(TileHub.Change c) {
        if (nothingPending() && !ws.writeQueueFull()) {
            write(c.json(), c.seq(), System.currentTimeMillis());
        } else {
            send(c);
        }
    }

    /** A snapshot, at the hub's {@code seq}. */
    void write(String text, long seq) {
        write(text, seq, System.currentTimeMillis());
    }

    /** Writes one message (nothing for null), and remembers its seq and time for the page's reports. */
    private void write(String text, long seq, long now) {
        if (text != null && !ws.isClosed()) {
            lastWrite = now;
            ws.writeTextMessage(text);
            sent(seq, now);
        }
    }

    private void sent(long seq, long now) {
        sent.addLast(new long[] {now, seq});
        while (sent.size() > 256 || now - sent.peekFirst()[0] > 60_000) {
            sent.removeFirst();
        }
    }

    /** The page's report: the last seq it rendered and how long its rendering took. */
    void report(long seq, long lagMillis) {
        renderedSeq = seq;
        renderLag = lagMillis;
        reportedAt = System.currentTimeMillis();
    }

    /** This page's health at {@code now}: {@code frozen} without a report for long, {@code lagging} when behind. */
    WallHealth.Wall health(long now, WallConfig config, String address) {
        long silentFor = now - (reportedAt < 0 ? connectedAt : reportedAt);
        String state;
        if (silentFor > config.frozenAfter().toMillis()) {
            state = WallHealth.FROZEN;
        } else if (renderLag > config.laggingAfter().toMillis() || renderedBehind(config.laggingAfter().toMillis())) {
            state = WallHealth.LAGGING;
        } else {
            state = WallHealth.OK;
        }
        return new WallHealth.Wall(who, address, userAgent, java.time.Instant.ofEpochMilli(connectedAt),
                reportedAt < 0 ? null : java.time.Instant.ofEpochMilli(reportedAt), renderedSeq < 0 ? null : renderedSeq,
                renderLag < 0 ? null : renderLag, state);
    }

    /** Whether the page had not rendered, at its last report, a message sent longer than {@code millis} before. */
    private boolean renderedBehind(long millis) {
        if (reportedAt < 0) {
            return false;
        }
        for (long[] s : sent) { // a concurrent deque: trimmed on the socket's context, read here by the health check
            if (s[0] <= reportedAt - millis && s[1] > renderedSeq) {
                return true;
            }
        }
        return false;
    }

    String address() {
        return ws.remoteAddress() == null ? null : ws.remoteAddress().host();
    }

    /** Its sign-in ended (signed out, session expired, display revoked, user changed): the page signs in again. */
    void signedOut() {
        deliver(() -> close(SIGNED_OUT, "signed-out", "signed out: sign in again"));
    }

    private void closeSlow(long now) {
        close(1008, "slow", "too slow: " + (now - behindSince) + " ms behind");
    }

    /** Closes the socket with a code and a message for the client; {@code kind} is the metric's reason tag. */
    private void close(int code, String kind, String reason) {
        Log.infof("Wall client %s closed: %s", ws.remoteAddress(), reason);
        hub.closed(kind);
        hub.disconnect(this);
        pending.clear();
        pendingAlarms.clear();
        if (!ws.isClosed()) {
            ws.close((short) code, reason.length() > 100 ? reason.substring(0, 100) : reason);
        }
    }
}
