package id.bontang.pantau.ingest;

/** The contract's MQTT topics: {@code pantau/v1/devices/{id}/telemetry|status} and {@code pantau/v1/feeds/{id}}. */
public record Topic(Kind kind, String id) {

    public enum Kind {
        TELEMETRY, STATUS, FEED
    }

    public static final String ALL = "pantau/v1/#";
    private static final String DEVICES = "pantau/v1/devices/";
    public static final String FEEDS = "pantau/v1/feeds/";

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
