package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.broker.Topics;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.ingest.FeedRelay;
import id.bontang.pantau.ingest.PayloadDecoder;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Translation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The MQTT connectors at work: the first connector of the catalog whose topic filter matches a message translates it
 * (ChirpStack, a vendor's JSON); the webhook's bodies come through {@link #webhook}. Refusals are counted per
 * connector here and by reason in ingest, like any other.
 */
@Singleton
public class Translations implements Translation {

    private final LiveCatalog live;
    private final ConnectorActivity activity;
    /** One memory for the instance: every path is told the same gap for an uplink. */
    private final FrameCounters counters = new FrameCounters(100_000);
    private final java.util.function.BiConsumer<String, Instant> heard;

    public Translations(LiveCatalog live, ConnectorActivity activity, id.bontang.pantau.indicator.IndicatorEngine engine) {
        this.live = live;
        this.heard = (source, at) -> engine.activity().heard(source, at.toEpochMilli());
        this.activity = activity;
    }

    @Override
    public String owner(String topic) {
        ConnectorSpec c = reader(live.current(), topic);
        return c == null ? null : c.id();
    }

    @Override
    public Translated translate(String topic, byte[] payload, Instant now, Path path) throws Rejected {
        Catalog catalog = live.current();
        if (topic.startsWith(Topics.RELAYED_PREFIX)) {
            return relayed(catalog, topic, payload);
        }
        ConnectorSpec c = reader(catalog, topic);
        if (c == null) {
            return null;
        }
        try {
            Translated t = c.type() == ConnectorSpec.Type.CHIRPSTACK
                    ? ChirpStack.translate(c, catalog, topic, payload, now, counters)
                    : Records.translate(c, catalog, topic, PayloadDecoder.parse(payload));
            if (path != Path.DURABLE) {
                counted(c.id(), t);
            }
            return t;
        } catch (Rejected r) {
            if (path != Path.DURABLE) {
                activity.refusedWhole(c.id(), r.getMessage());
            }
            throw Translation.named(c.id(), r);
        }
    }

    /**
     * What another instance's connector took over HTTP ({@code pantau/v1/connectors/{id}/in|heard/{ms}/{origin}}): translated
     * as it was there, with its receive time; on the live path only (it is stored already).
     */
    private Translated relayed(Catalog catalog, String topic, byte[] payload) throws Rejected {
        String[] levels = topic.substring(Topics.RELAYED_PREFIX.length()).split("/");
        ConnectorSpec c = levels.length == 4 ? catalog.connector(levels[0]).orElse(null) : null;
        if (c == null || c.mqtt() || !levels[2].matches("[0-9]{1,15}") || levels[3].equals(FeedRelay.ORIGIN)) {
            // a connector since removed, or this instance's own relay (taken already): nothing to show
            return new Translated(levels[0], Map.of(), List.of());
        }
        Instant received = Instant.ofEpochMilli(Long.parseLong(levels[2]));
        if ("heard".equals(levels[1])) {
            heard(c, received);
            return new Translated(c.id(), Map.of(), List.of());
        }
        return http(c, PayloadDecoder.parse(payload)).at(received);
    }

    /** A pull feed answered: its sources are heard, so the feed-silent alarm watches the polling, not the news. */
    void heard(ConnectorSpec c, Instant at) {
        if (c.device() != null && c.device().fixed() != null) {
            heard.accept(c.device().fixed(), at);
        }
    }

    /** The Things Stack's uplink posted to its webhook, or a pull feed's answer, as the taking instance or a relay. */
    private Translated http(ConnectorSpec c, JsonNode body) throws Rejected {
        Catalog catalog = live.current();
        return c.type() == ConnectorSpec.Type.THETHINGSSTACK ? TheThingsStack.translate(c, catalog, body, counters)
                : Records.translate(c, catalog, null, body);
    }

    /** {@link #http} on the instance that took it, counted for the connector's figures. */
    Translated took(ConnectorSpec c, JsonNode body) throws Rejected {
        try {
            Translated t = http(c, body);
            counted(c.id(), t);
            return t;
        } catch (Rejected r) {
            activity.refusedWhole(c.id(), r.getMessage());
            throw r;
        }
    }

    private void counted(String connector, Translated t) {
        activity.message(connector, t.refused().size(), t.refused().isEmpty() ? null
                : t.refused().get(t.refused().size() - 1).rejected().getMessage());
    }

    private static ConnectorSpec reader(Catalog catalog, String topic) {
        for (ConnectorSpec c : catalog.connectors()) {
            for (String f : c.topics()) {
                if (matches(f, topic)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** MQTT's matching of a topic filter ({@code +} one level, {@code #} the rest). */
    static boolean matches(String filter, String topic) {
        int f = 0;
        int t = 0;
        while (f < filter.length()) {
            int fe = filter.indexOf('/', f);
            fe = fe < 0 ? filter.length() : fe;
            String level = filter.substring(f, fe);
            if (level.equals("#")) {
                return true;
            }
            if (t > topic.length()) {
                return false;
            }
            int te = topic.indexOf('/', t);
            te = te < 0 ? topic.length() : te;
            if (!level.equals("+") && !level.equals(topic.substring(t, te))) {
                return false;
            }
            f = fe + 1;
            t = te + 1;
        }
        return t > topic.length();
    }
}
