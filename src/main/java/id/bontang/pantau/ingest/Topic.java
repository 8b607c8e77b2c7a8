package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.Topics;
import java.util.List;

/** The contract's MQTT topics: {@code pantau/v1/devices/{id}/telemetry|status} and {@code pantau/v1/feeds/{id}}. */
public record Topic(Kind kind, String id) {

    public enum Kind {
        TELEMETRY, STATUS, FEED
    }

    /** Everything under the contract's prefix ({@link Topics#ALL}). */
    public static final String ALL = Topics.ALL;
    private static final String DEVICES = Topics.DEVICES;
    public static final String FEEDS = Topics.FEEDS;
    /** What Pantau reads ({@link Topics#INPUTS}): the devices' and feeds' topics only. */
    public static final List<String> INPUTS = Topics.INPUTS;
    /** What one instance's connectors took over HTTP, relayed to the others' live paths ({@link FeedRelay#relayConnector}). */
    public static final String RELAYED_PREFIX = Topics.RELAYED_PREFIX;
    /** Pantau's own output topics ({@code AlarmOut}). */
    private static final String OUTPUT = "pantau/v1/alarms/";

    /**
     * Whether a topic is one Pantau publishes: received only through a subscription of an earlier version that a
     * persistent session still held (its queued messages come before it is dropped), and ignored: not a refusal.
     */
    public static boolean own(String topic) {
        return topic.startsWith(OUTPUT);
    }

    /** Whether a topic is under the contract's prefix (else it is a connector's, or nobody's). */
    public static boolean contract(String topic) {
        return topic.startsWith("pantau/") && !topic.startsWith(RELAYED_PREFIX);
    }

    /** Whether a topic is a device's status (a retained one is stored only when it changes). */
    public static boolean status(String topic) {
        return topic.startsWith(DEVICES) && topic.endsWith("/status") && topic.indexOf('/', DEVICES.length()) == topic.length() - 7;
    }

    public static Topic parse(String topic) throws Rejected {
        if (topic.startsWith(DEVICES)) {
            String rest = topic.substring(DEVICES.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String id = rest.substring(0, slash);
                switch (rest.substring(slash + 1)) {
                    case "telemetry":
                        return new Topic(Kind.TELEMETRY, id);
                    case "status":
                        return new Topic(Kind.STATUS, id);
                    default:
                }
            }
        } else if (topic.startsWith(FEEDS) && topic.indexOf('/', FEEDS.length()) < 0 && topic.length() > FEEDS.length()) {
            return new Topic(Kind.FEED, topic.substring(FEEDS.length()));
        }
        throw new Rejected(Reason.UNKNOWN_TOPIC, null, "topic '" + PayloadDecoder.abbreviate(topic)
                + "' is not pantau/v1/devices/{id}/telemetry, pantau/v1/devices/{id}/status or pantau/v1/feeds/{id}");
    }
}
