package id.bontang.pantau.catalog;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A connector of the catalog: how readings in someone else's shape become Pantau's (docs/catalog.md, "Connectors").
 * Paths are dotted JSON paths ({@code object.water.level}, {@code uplink_message.decoded_payload.pm25}).
 *
 * @param topics  the MQTT topic filters it reads (ChirpStack, vendor JSON); empty for the webhook and pull feeds
 * @param device  how a record names its device (vendor JSON, pull feeds), or null for the LoRaWAN ones (devEui, tag)
 * @param records where the records are in a message (an array), or null when the message is one record
 * @param time    where the record's time is and how it is written, or null (the receive time)
 * @param identity the path of the record's identity, or null (ChirpStack and The Things Stack have their own)
 * @param values  metric to where its value is; empty: every number of the decoded payload named like a metric
 * @param secret  the name of the secret (webhook's shared secret, pull feed's credential) in PANTAU_CONNECTOR_SECRETS
 * @param pull    a pull feed's request, or null
 */
public record ConnectorSpec(String id, Type type, List<String> topics, DeviceRef device, String records, TimeSpec time,
        String identity, Map<String, ValueSpec> values, String secret, String header, Pull pull) {

    public enum Type {
        /** ChirpStack v4's MQTT integration: {@code application/{app}/device/{devEui}/event/up|status}. */
        CHIRPSTACK,
        /** The Things Stack v3 uplinks by webhook: {@code POST /api/v1/connectors/{id}/uplinks}. */
        THETHINGSSTACK,
        /** A vendor's JSON on its own MQTT topics. */
        JSON,
        /** An HTTP(S) JSON endpoint that Pantau polls. */
        PULL;

        public boolean mqtt() {
            return this == CHIRPSTACK || this == JSON;
        }

        public boolean lorawan() {
            return this == CHIRPSTACK || this == THETHINGSSTACK;
        }
    }

    /**
     * @param level the topic level (0-based) holding the device, or -1
     * @param path  the record's path holding the device, or null
     * @param tag   LoRaWAN: the device tag holding Pantau's id, when the device has no {@code devEui} in the catalog
     * @param ids   the vendor's ids to Pantau's, where they differ
     * @param fixed the one source every record is of (a pull feed of one agency), or null
     */
    public record DeviceRef(int level, String path, String tag, Map<String, String> ids, String fixed) {
    }

    /** How a time is written: ISO-8601 (with or without an offset: then in {@code zone}), epoch seconds or ms, a pattern. */
    public record TimeSpec(String path, Format format, ZoneId zone, String pattern) {
        public enum Format {
            ISO, EPOCH_S, EPOCH_MS, PATTERN
        }
    }

    /** @param scale multiplies the value before its unit is converted; @param unit the unit it is in, or null for the metric's */
    public record ValueSpec(String path, String unit, double scale) {
    }

    /**
     * @param url       the endpoint (a configured override wins: pantau.connectors.urls)
     * @param every     the cadence
     * @param timeout   of one request
     * @param auth      bearer, basic or none; the credential is the connector's secret
     * @param headers   more request headers: name to the name of a secret
     * @param watermark the query parameter that asks for records after the newest seen, or null
     * @param after     the record's path whose newest value is the watermark (a time or an id), or null
     */
    public record Pull(String url, Duration every, Duration timeout, String auth, Map<String, String> headers,
            String watermark, String after) {
    }

    public boolean mqtt() {
        return type.mqtt();
    }
}
