package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.DeviceHealth;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Refused;
import id.bontang.pantau.ingest.Translation.Translated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the two LoRaWAN network servers' uplinks have in common, once each has said where its fields are
 * ({@link ChirpStack}, {@link TheThingsStack}): the device (by the devEui the catalog gives it, the connector's
 * {@code ids}, or a tag), the values of the decoded payload, and the device's health (best rssi and snr of the
 * gateways that heard it, uplinks lost by the frame counter's gap).
 */
final class Lorawan {

    /**
     * One uplink as its network server wrote it.
     *
     * @param name the network server's own name of the device (ChirpStack's deviceName, TTS's device_id)
     * @param tag  the value of the connector's tag, or null
     * @param fcnt the frame counter, or -1
     * @param rssi the best of the gateways that heard it (-∞ when none said); @param snr likewise
     */
    record Uplink(String devEui, String name, String tag, String identity, Instant time, long fcnt, JsonNode decoded,
            double rssi, double snr) {
    }

    private Lorawan() {
    }

    /** The catalog's device of an uplink. */
    static Source device(ConnectorSpec c, Catalog catalog, String devEui, String name, String tag) throws Rejected {
        String eui = devEui == null ? null : devEui.toLowerCase(Locale.ROOT);
        String id = eui == null ? null : catalog.devEuis().get(eui);
        if (id == null && c.device() != null) {
            Map<String, String> ids = c.device().ids();
            id = eui != null && ids.containsKey(eui) ? ids.get(eui) : name != null ? ids.get(name) : null;
            if (id == null && c.device().tag() != null) {
                id = tag;
            }
        }
        Source s = id == null ? null : catalog.sources().get(id);
        if (s == null || s.isFeed()) {
            throw new Rejected(Reason.UNKNOWN_DEVICE, "devEui", "connector " + c.id() + ": devEui " + devEui + " ('" + name
                    + "'" + (tag == null ? "" : ", tag " + tag) + ") is no device of the catalog: give the device its devEui");
        }
        return s;
    }

    /** The best of the gateways' figures in a list of them ({@code rx_metadata[]}): -∞ when none says. */
    static double best(JsonNode gateways, String field) {
        double best = Double.NEGATIVE_INFINITY;
        for (JsonNode g : gateways) {
            best = Math.max(best, g.path(field).asDouble(Double.NEGATIVE_INFINITY));
        }
        return best;
    }

    static Translated translate(ConnectorSpec c, Catalog catalog, Uplink u, FrameCounters counters) throws Rejected {
        Source device = device(c, catalog, u.devEui(), u.name(), u.tag());
        List<Sample> samples = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Values.read(c, device, u.decoded(), u.time(), u.identity(), samples, refused);
        health(device, u, counters, samples);
        Map<String, List<Sample>> by = new LinkedHashMap<>();
        by.put(device.id(), samples);
        return new Translated(c.id(), by, refused);
    }

    /** rssi and snr: the best of the gateways that heard it; uplinks lost: the frame counter's gap since the last one. */
    private static void health(Source device, Uplink u, FrameCounters counters, List<Sample> samples) {
        add(device, DeviceHealth.RSSI, u.rssi(), u, samples);
        add(device, DeviceHealth.SNR, u.snr(), u, samples);
        if (u.fcnt() >= 0) {
            long lost = counters.lost(device.id(), u.fcnt());
            if (lost >= 0) {
                add(device, DeviceHealth.LOST, lost, u, samples);
            }
        }
    }

    static void add(Source device, String metric, double value, Uplink u, List<Sample> samples) {
        if (Double.isFinite(value) && device.metrics().containsKey(metric)) {
            samples.add(new Sample(metric, value, null, u.time(), null, u.identity()));
        }
    }

    /** RFC 3339 with nanoseconds, as both network servers write their times; null when absent. */
    static Instant time(String connector, JsonNode t, String field) throws Rejected {
        if (t.isMissingNode() || t.isNull()) {
            return null;
        }
        try {
            return Rfc3339.parse(t.asText());
        } catch (java.time.DateTimeException e) {
            throw new Rejected(Reason.INVALID_TIMESTAMP, field, "connector " + connector + ": " + field + " "
                    + Times.abbreviate(t.toString()) + " is not an RFC 3339 time");
        }
    }
}
