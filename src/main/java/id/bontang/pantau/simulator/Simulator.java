package id.bontang.pantau.simulator;

import id.bontang.pantau.broker.Broker;
import id.bontang.pantau.broker.Connector;
import id.bontang.pantau.broker.ReceiversReady;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;

/**
 * Plays the catalog through the broker, as the city's devices and agency applications would: every
 * source publishes its {@link BontangModel} values once per cadence (divided by the rate factor), to
 * the contract's topics, over MQTT. Each CCTV camera has a connection of its own with a last will
 * ({@code offline}, retained), and an outage drops that connection without a goodbye so that the broker
 * announces it. A start-up backfill publishes the recent past first. {@link Scenarios} play incidents over the values.
 */
@Singleton
public class Simulator {

    public static final String PUBLISHED = "pantau.simulator.published";
    private static final int IN_FLIGHT = 500;

    private final SimulatorConfig config;
    private final LiveCatalog catalog;
    private final Broker broker;
    private final BontangModel model;
    private final Semaphore window = new Semaphore(IN_FLIGHT);
    private final List<MqttAsyncClient> cameras = new ArrayList<>();
    private final SimulatorThreads threads;
    private final Scenarios scenarios;
    private ScheduledExecutorService timer;
    private MqttAsyncClient client;
    private final Counter published;

    Simulator(SimulatorConfig config, LiveCatalog catalog, Broker broker, MeterRegistry registry, SimulatorThreads threads,
            Scenarios scenarios) {
        this.threads = threads;
        this.scenarios = scenarios;
        this.published = Counter.builder(PUBLISHED).description("Messages the built-in simulator has published")
                .register(registry);
        this.config = config;
        this.catalog = catalog;
        this.broker = broker;
        this.model = new BontangModel(config.seed(), catalog.current().zone());
        catalog.listen((before, after, version) -> added(before, after));
    }

    void start(@Observes StartupEvent e) {
        if (!config.enabled()) {
            return;
        }
        timer = threads.get();
        client = broker.client("simulator", false);
        MqttConnectOptions options = options();
        options.setMaxInflight(IN_FLIGHT);
        client.setCallback(new Callback(() -> {
            connected = true;
            runWhenReady();
        }));
        Connector.connect(client, options);
        Log.infof("Simulator: playing %d devices and %d feeds through %s (seed %d, rate ×%s, backfill %s)",
                catalog.current().devices().size(), catalog.current().feeds().size(), broker.url(), config.seed(), config.rateFactor(),
                config.backfill());
    }

    private volatile boolean running;
    private volatile boolean connected;
    private volatile boolean receiversReady;

    /** Pantau's own subscriptions are active: what is published now reaches them. */
    void receiversReady(@Observes ReceiversReady e) {
        receiversReady = true;
        runWhenReady();
    }

    private synchronized void runWhenReady() {
        if (connected && receiversReady && timer != null && !running) {
            timer.execute(this::run);
        }
    }

    /** Runs once the publisher is connected: backfill, then every source on its own schedule. */
    private void run() {
        synchronized (this) {
            if (running) {
                return;
            }
            running = true;
        }
        // Cameras report their status live only; they need not wait for the replay.
        catalog.current().sources().values().stream().filter(s -> "cctv".equals(s.kind())).forEach(this::camera);
        // The recent past, in time order across all sources, as if it had been live.
        long now = System.currentTimeMillis();
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        List<Source> sources = new ArrayList<>(catalog.current().sources().values());
        for (int i = 0; i < sources.size(); i++) {
            long first = next(sources.get(i), now - config.backfill().toMillis());
            if (first < now) {
                due.add(new long[] {first, i});
            }
        }
        int backfilled = 0;
        long start = System.nanoTime();
        double nanosPerMessage = 1e9 / Math.max(1, config.backfillRate());
        while (!due.isEmpty()) {
            long wait = start + (long) (backfilled * nanosPerMessage) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long[] slot = due.poll();
            Source s = sources.get((int) slot[1]);
            long interval = interval(s);
            backfilled += publish(s, slot[0], interval) ? 1 : 0;
            if (slot[0] + interval < now) {
                due.add(new long[] {slot[0] + interval, slot[1]});
            }
        }
        if (backfilled > 0) {
            Log.infof("Simulator: backfilled %d messages (%s)", backfilled, config.backfill());
        }
        for (Source s : catalog.current().sources().values()) {
            if (!"cctv".equals(s.kind())) {
                schedule(s, next(s, System.currentTimeMillis()));
            }
        }
        scenarios.schedule(timer);
    }

    private long interval(Source s) {
        return Math.max(10, (long) (s.cadence().toMillis() / config.rateFactor()));
    }

    /** The first slot at or after {@code from}; each source has its own offset so messages spread out. */
    private long next(Source s, long from) {
        long interval = interval(s);
        long offset = (long) (model.unit(s.id() + "offset", 0) * interval);
        return Math.floorDiv(from - offset + interval - 1, interval) * interval + offset;
    }

    /** Plays a source while the catalog has it, as the catalog has it now (a device added later starts then). */
    private void schedule(Source s, long at) {
        timer.schedule(() -> {
            Source now = catalog.current().sources().get(s.id());
            if (now == null || now.isFeed() != s.isFeed()) {
                return;
            }
            try {
                publish(now, at, interval(now));
            } catch (RuntimeException e) {
                Log.warnf("Simulator: %s: %s", s.id(), e.getMessage());
            }
            schedule(now, at + interval(now));
        }, Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    private void added(Catalog before, Catalog after) {
        if (running) {
            after.sources().values().stream().filter(s -> !before.sources().containsKey(s.id()) && !"cctv".equals(s.kind()))
                    .forEach(s -> schedule(s, next(s, System.currentTimeMillis())));
        }
    }

    private boolean publish(Source s, long t, long interval) {
        Map<String, Double> values = scenarios.apply(s, t, model.values(s, t, interval));
        if (values.isEmpty()) { // nothing to say, or a scenario keeps the source silent
            return false;
        }
        boolean events = values.keySet().stream().anyMatch(m -> s.metrics().get(m).increment());
        Formats.Message m = Formats.render(catalog.current(), s, values, t, interval, events);
        if (m == null) {
            return false; // a pull feed's source: the simulator serves its endpoint instead (BmkgEndpoint)
        }
        for (Formats.Message each = m; each != null; each = each.then()) {
            if (each.topic() != null) { // null: an uplink lost in the air
                send(client, each.topic(), each.payload(), false);
            }
        }
        return true;
    }

    private void send(MqttAsyncClient c, String topic, String payload, boolean retained) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(config.qos());
        m.setRetained(retained);
        try {
            window.acquire();
            c.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    published.increment();
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    window.release();
                }
            });
        } catch (MqttException e) {
            window.release();
            Log.debugf("Simulator: %s not published: %s", topic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = broker.options(true);
        config.username().ifPresent(o::setUserName);
        config.password().ifPresent(p -> o.setPassword(p.toCharArray()));
        return o;
    }

    /** A camera: its own connection, with its status as last will; up or down as the model says. */
    private void camera(Source s) {
        String topic = "pantau/v1/devices/" + s.id() + "/status";
        MqttAsyncClient cam = broker.client("sim-" + s.id(), false);
        MqttConnectOptions options = options();
        options.setAutomaticReconnect(false);
        options.setWill(topic, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        cam.setCallback(new Callback(() -> send(cam, topic, "online", true)));
        synchronized (cameras) {
            cameras.add(cam);
        }
        long every = interval(s);
        timer.scheduleAtFixedRate(() -> {
            boolean up = model.online(s.id(), System.currentTimeMillis());
            try {
                if (up && !cam.isConnected()) {
                    Connector.connect(cam, options);
                } else if (up) {
                    send(cam, topic, "online", true); // heartbeat: the wall counts a silent camera as not online
                } else if (cam.isConnected()) {
                    cam.disconnectForcibly(0, 100, false); // no DISCONNECT packet: the broker sends the will
                }
            } catch (MqttException | RuntimeException e) {
                Log.debugf("Simulator: camera %s: %s", s.id(), e.getMessage());
            }
        }, (long) (model.unit(s.id(), 1) * Math.min(every, 5000)), every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer == null) {
            return;
        }
        threads.stop(); // its tasks first, then their connections
        List<MqttAsyncClient> all = new ArrayList<>(cameras);
        all.add(client);
        Connector.closeAll(all);
    }

    /** Calls back once connected; the simulator subscribes to nothing. */
    private record Callback(Runnable onConnect) implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            onConnect.run();
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
