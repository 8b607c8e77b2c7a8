package id.bontang.pantau.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Messages in other shapes than Pantau's: what the catalog's connectors make of them ({@code connector/Translations},
 * which implements this, so that ingest imports no connector). A translation only decodes; {@link Ingest} validates
 * its samples against the catalog like any other, so the same checks, units, identity and dead letters apply.
 */
public interface Translation {

    /**
     * @param path which subscription brought it: the connector's figures count the live copy, not the durable one too
     * @return null when no connector reads {@code topic}
     * @throws Rejected when the whole message is refused (not JSON, no device, a bad time)
     */
    Translated translate(String topic, byte[] payload, Instant now, Path path) throws Rejected;

    /** The connector that reads a topic, or null: the messages of one connector are stored by one instance. */
    String owner(String topic);

    enum Path {
        LIVE, DURABLE
    }

    /**
     * @param samples by source id, in the order of the message
     * @param refused what one value (or one record) of the message refused: the rest still lands
     * @param received when the instance that took it over HTTP received it (a relayed copy), or null: now
     */
    record Translated(String connector, Map<String, List<Sample>> samples, List<Refused> refused, Instant received) {

        public Translated(String connector, Map<String, List<Sample>> samples, List<Refused> refused) {
            this(connector, samples, refused, null);
        }

        public Translated at(Instant when) {
            return new Translated(connector, samples, refused, when);
        }
    }

    /** A refusal of the catalog's checks, saying which connector's message it was. */
    static Rejected named(String connector, Rejected r) {
        return r.getMessage().startsWith("connector ") ? r
                : new Rejected(r.reason(), r.field(), "connector " + connector + ": " + r.getMessage());
    }

    /** @param source the source it was of, when known */
    record Refused(String source, Rejected rejected) {
    }
}
