package id.bontang.pantau.store;

import java.time.Instant;

/** A refused message or value as the dead_letter table keeps it. */
public record StoredRejection(Instant receivedAt, String transport, String topic, String source, String reason,
        String field, String detail, String payload) {
}
