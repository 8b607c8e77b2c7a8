package id.bontang.pantau.ingest;

import java.time.Instant;

/**
 * A refused message or value, kept so that the people who run a sensor or an agency application can see
 * what went wrong.
 *
 * @param transport mqtt or http
 * @param topic     the MQTT topic or the HTTP path
 * @param source    the device or feed id when the topic names one
 * @param field     the metric or field at fault, or null for the whole payload
 * @param payload   the start of the payload (at most 256 characters)
 */
public record DeadLetter(Instant receivedAt, String transport, String topic, String source, String reason,
        String field, String detail, String payload) {
}
