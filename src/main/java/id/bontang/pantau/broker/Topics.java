package id.bontang.pantau.broker;

import java.util.List;

/** The topic filters Pantau's subscriptions hold; what a topic means is {@code ingest/Topic}'s business. */
public final class Topics {

    /** Everything under the contract's prefix: what subscriptions of earlier versions held (now dropped). */
    public static final String ALL = "pantau/v1/#";
    public static final String DEVICES = "pantau/v1/devices/";
    public static final String FEEDS = "pantau/v1/feeds/";
    /**
     * What Pantau reads: the devices' and feeds' topics only, not {@code pantau/v1/#}, which also holds Pantau's own
     * output ({@code pantau/v1/alarms/…}, retained while an alarm is open): read back, each alarm message would be a
     * dead letter. A device's other sub-topics (at any depth), a feed's sub-topics and unknown ids still arrive, and
     * are refused with their reason.
     */
    public static final List<String> INPUTS = List.of(DEVICES + "#", FEEDS + "#");
    /**
     * What a connector took over HTTP on one instance (a webhook's uplink, a pull feed's answer), for the others' walls:
     * read by the live subscription only, since it is stored already.
     */
    public static final String RELAYED_PREFIX = "pantau/v1/connectors/";
    public static final String RELAYED = RELAYED_PREFIX + "#";

    /** The topic filters of the catalog's MQTT connectors (ChirpStack, vendors' JSON), in catalog order. */
    public static List<String> connectors(id.bontang.pantau.catalog.Catalog catalog) {
        return catalog.connectors().stream().flatMap(c -> c.topics().stream()).toList();
    }

    private Topics() {
    }
}
