package id.bontang.pantau.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.alarm.AlarmEngine;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.broker.MqttConfig;
import id.bontang.pantau.catalog.Area;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.security.Users;
import id.bontang.pantau.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Alarms reach the people who must act (docs/alarms.md, "Notifications"): the settings (admins' rules, users' own),
 * the outbox (the database's, or memory without one) and the worker that plans and sends, on every instance.
 */
@Startup
@Singleton
public class Notifications {

    static final String RULES = "rules";

    private final NotifyStore store;
    private final NotifyConfig config;
    private final AlarmEngine engine;
    private final LiveCatalog catalog;
    private final Users users;
    private final ObjectMapper json;
    private final Map<String, Channel> channels = new HashMap<>();
    private final AckLinks links;
    private final Worker worker;
    private final DailySummary summary;
    private final String instance;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> named(r, "notify"));
    private final ExecutorService summaries = Executors.newSingleThreadExecutor(r -> named(r, "notify-summary"));
    private final java.util.concurrent.atomic.AtomicBoolean summarising = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, ExecutorService> senders = new java.util.LinkedHashMap<>();
    private final Store database;
    private volatile Settings settings = Settings.NONE;
    private volatile String settingsDoc;
    private volatile byte[] key;
    private boolean seeded;
    private String failing;
    private Instant pruned = Instant.EPOCH;

    Notifications(Store database, NotifyConfig config, AlarmEngine engine, LiveCatalog catalog, Users users,
            ObjectMapper json, MeterRegistry registry, Mailer mailer, MqttConfig mqtt) {
        this.database = database;
        // Unique per process: a claim names its holder, and two instances must never take each other's for their own.
        this.instance = mqtt.instance().orElse(host()) + "/" + ProcessHandle.current().pid();
        this.store = database.enabled() ? new JdbcNotifyStore(database::connection, instance) : new MemoryNotifyStore();
        this.config = config;
        this.engine = engine;
        this.catalog = catalog;
        this.users = users;
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        channels.put("webhook", new WebhookChannel(http, config.timeout(), this::webhook,
                id.bontang.pantau.api.NamedValues.parse(config.webhookSecrets().orElse(""), "PANTAU_NOTIFY_WEBHOOK_SECRETS")));
        channels.put("telegram", new TelegramChannel(http, config.timeout(), config.telegramApi(), config.telegramToken(), json));
        channels.put("email", new EmailChannel(mailer, config.emailFrom(), emailUnavailable()));
        this.links = new AckLinks(this::key);
        channels.keySet().forEach(ch -> senders.put(ch, Executors.newFixedThreadPool(4, r -> named(r, "notify-" + ch))));
        this.worker = new Worker(store, config, channels, new Messages(catalog.current().zone()), links,
                new NotifyMetrics(registry), json, instance, this::facts, engine::flooding, senders, () -> settings,
                this::install, catalog.current().zone());
        this.summary = new DailySummary(store, channels.get("email"), new Messages(catalog.current().zone()),
                config.consoleUrl() + "/console.html", a -> facts(a, catalog.current()));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "pantau";
        }
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Email is there when an SMTP server is named (or the mailer logs instead of sending: dev mode's mock). The mailer's
     * own default host (localhost) does not count: nobody chose it.
     */
    private static String emailUnavailable() {
        var c = ConfigProvider.getConfig();
        boolean mock = c.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false);
        var host = c.getConfigValue("quarkus.mailer.host");
        boolean named = host.getValue() != null && !host.getValue().isBlank() && host.getSourceName() != null
                && !host.getSourceName().toLowerCase(java.util.Locale.ROOT).contains("default");
        return mock || named ? null : "no SMTP server (QUARKUS_MAILER_HOST)";
    }

    /** This installation's mark in message ids: from the link key, the same for every instance and restart. */
    private String install() {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key());
            return java.util.HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @PostConstruct
    void start() {
        if (!config.enabled()) {
            Log.info("Notifications: off (pantau.notify.enabled=false)");
            return;
        }
        if (store instanceof MemoryNotifyStore memory) {
            engine.onStored(memory::changed);
            Log.warn("Notifications: persistence is off, so the outbox is in memory: pending messages are lost at a restart");
        }
        long every = config.poll().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        summaries.shutdownNow();
        senders.values().forEach(ExecutorService::shutdownNow);
    }

    private void poll() {
        if (store.persistent() && !database.ready()) {
            return;
        }
        try {
            seed();
            refresh();
            Map<String, Personal> personal = personal();
            Instant now = Instant.now();
            Catalog c = catalog.current();
            Recipients r = new Recipients(settings, personal, users, ZonedDateTime.ofInstant(now, c.zone()));
            Planner planner = new Planner(settings, r.eligible(personal), r, this::facts, now);
            Instant stale = now.minus(config.maxAge());
            worker.poll((change, told) -> change.at().isBefore(stale) ? java.util.List.of() : planner.plan(change, told));
            if (summarising.compareAndSet(false, true)) { // on a thread of its own: a slow SMTP server holds up nothing
                Settings current = settings;
                Map<String, Personal> eligible = r.eligible(personal);
                summaries.execute(() -> {
                    try {
                        DailySummary.Sent daily = summary.whenDue(current, eligible, r, ZonedDateTime.ofInstant(now, c.zone()),
                                this::day, instance);
                        if (daily != null && daily.sent() + daily.failed() > 0) {
                            Log.infof("Notifications: daily summary sent to %d addresses (%d failed)", daily.sent(),
                                    daily.failed());
                        }
                    } catch (SQLException | RuntimeException e) {
                        Log.warnf("Notifications: the daily summary could not be sent (%s)", e.getClass().getSimpleName());
                    } finally {
                        summarising.set(false);
                    }
                });
            }
            if (store instanceof JdbcNotifyStore db && now.isAfter(pruned.plus(java.time.Duration.ofHours(1)))) {
                pruned = now;
                db.forgetExpiredLinks();
            }
            failing = null;
        } catch (SQLException e) {
            if (!e.getMessage().equals(failing)) {
                Log.warnf("Notifications: the outbox cannot be read or written (%s); tried again every %s", e.getMessage(),
                        config.poll());
            }
            failing = e.getMessage();
        } catch (RuntimeException e) {
            Log.errorf("Notifications: a round failed (%s)", e.getClass().getName());
        }
    }

    /** The seed settings, once, when none are stored (a first run). */
    private void seed() throws SQLException {
        if (!seeded && config.seed().isPresent()) {
            seeded = true;
            Seed.plant(store, json, config.seed().get(), config.consoleUrl(), this::write);
        }
    }

    /**
     * Reads the admins' settings again when another instance (or an admin) changed them. A stored document this
     * version cannot read (written by a newer one, or by hand) is said once; the last good settings stay in force.
     */
    private void refresh() throws SQLException {
        NotifyStore.Stored s = store.settings(RULES);
        if (s.doc() != null && !s.doc().equals(settingsDoc)) {
            settingsDoc = s.doc();
            try {
                settings = parse(s.doc(), Settings.class).checked();
            } catch (RuntimeException e) {
                Log.errorf("Notifications: the stored settings (version %d) cannot be read (%s); the last good ones stay in "
                        + "force until an admin saves them again", s.version(), e.getMessage());
            }
        }
    }

    /** Every user's own settings; one that cannot be read is left out, and said. */
    private Map<String, Personal> personal() throws SQLException {
        Map<String, Personal> all = new HashMap<>();
        store.personal().forEach((user, doc) -> {
            try {
                all.put(user, parse(doc, Personal.class));
            } catch (RuntimeException e) {
                Log.warnf("Notifications: %s's own settings cannot be read (%s); left out", user, e.getClass().getSimpleName());
            }
        });
        return all;
    }

    private <T> T parse(String doc, Class<T> type) {
        try {
            return json.readValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification settings unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private byte[] key() {
        if (key == null) {
            try {
                key = store.linkKey();
            } catch (SQLException e) {
                throw new ProblemException(503, "database-unavailable", null, "links cannot be checked now: " + e.getMessage());
            }
        }
        return key;
    }

    Optional<AlarmFacts> facts(long alarmId) {
        try {
            return engine.find(alarmId).map(a -> facts(a, catalog.current()));
        } catch (SQLException e) {
            throw new IllegalStateException("alarm " + alarmId + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static AlarmFacts facts(Alarm a, Catalog c) {
        String dimension = c.indicators().stream().filter(i -> i.id().equals(a.tile())).findFirst()
                .map(IndicatorSpec::dimension).map(d -> d.code()).orElse(null);
        String area = c.areas().stream().filter(x -> x.slug().equals(a.area())).findFirst().map(Area::name).orElse(a.area());
        return new AlarmFacts(a, dimension, area);
    }

    private Optional<Settings.Webhook> webhook(String id) {
        return settings.webhooks().stream().filter(w -> w.id().equals(id)).findFirst();
    }

    private java.util.List<Alarm> day(Instant from) throws SQLException {
        return engine.query(new id.bontang.pantau.alarm.AlarmQuery(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(), from, null, id.bontang.pantau.alarm.AlarmQuery.MAX_LIMIT));
    }

    // ---- what the API asks

    /** The daily summary now, to everyone who gets it (an admin's test, or a morning the server was down). */
    DailySummary.Sent sendDailySummary() throws SQLException {
        refresh();
        Instant now = Instant.now();
        Map<String, Personal> personal = personal();
        Recipients r = new Recipients(settings, personal, users, ZonedDateTime.ofInstant(now, catalog.current().zone()));
        return summary.send(settings, r.eligible(personal), r, now, this::day);
    }

    record Versioned(int version, boolean persistent, Settings settings) {
    }

    Versioned settings() throws SQLException {
        NotifyStore.Stored s = store.settings(RULES);
        return new Versioned(s.version(), store.persistent(), s.doc() == null ? Settings.NONE : parse(s.doc(), Settings.class));
    }

    Versioned saveSettings(int version, Settings proposed, String by) throws SQLException {
        if (proposed == null) {
            throw Settings.bad("settings", "send {\"version\": n, \"settings\": {…}}: an empty document is {\"rules\": []}");
        }
        Settings checked = proposed.checked();
        if (!store.saveSettings(RULES, write(checked), version, by)) {
            throw ProblemException.conflict("version-moved", "the settings changed since version " + version
                    + " (someone saved meanwhile): reload them and apply your change again");
        }
        refresh();
        return settings();
    }

    Personal personal(String user) throws SQLException {
        NotifyStore.Stored s = store.settings("user:" + user);
        return s.doc() == null ? Personal.NONE : parse(s.doc(), Personal.class);
    }

    Personal savePersonal(String user, Personal proposed) throws SQLException {
        Personal checked = (proposed == null ? Personal.NONE : proposed).checked();
        for (int attempt = 0; attempt < 3; attempt++) {
            int version = store.settings("user:" + user).version();
            if (store.saveSettings("user:" + user, write(checked), version, user)) {
                return checked;
            }
        }
        throw ProblemException.conflict("version-moved", "your settings keep changing elsewhere; try again");
    }

    java.util.List<NotifyStore.Delivery> trail(long alarmId) throws SQLException {
        return store.trail(alarmId);
    }

    Map<String, Object> status() throws SQLException {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("persistent", store.persistent());
        s.put("enabled", config.enabled());
        Map<String, Object> ch = new java.util.LinkedHashMap<>();
        channels.forEach((name, c) -> ch.put(name, c.unavailable() == null));
        s.put("channels", ch);
        Map<String, String> why = new java.util.LinkedHashMap<>();
        channels.forEach((name, c) -> {
            if (c.unavailable() != null) {
                why.put(name, c.unavailable());
            }
        });
        s.put("unavailable", why);
        config.telegramBot().ifPresent(bot -> s.put("telegramBot", bot));
        s.put("pending", store.pending().values().stream().mapToLong(Long::longValue).sum());
        s.put("onDuty", Recipients.onDuty(settings, ZonedDateTime.now(catalog.current().zone())));
        return s;
    }

    /** Acknowledges the alarm a link names, once, for the operator signed in who followed it. */
    Alarm acknowledgeByLink(String token, String user) throws SQLException {
        AckLinks.Link link = links.verify(token, Instant.now());
        if (store.linkUsed(link.nonce())) {
            throw ProblemException.conflict("link-used", "this link was used already: open the alarm in the console");
        }
        Alarm a = engine.acknowledge(link.alarmId(), user, "acknowledged from a notification's link");
        store.useLink(link.nonce(), user, link.expires()); // spent once it did its work (a refusal leaves it usable)
        return a;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
