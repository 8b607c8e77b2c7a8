package id.bontang.pantau.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where notifications live: PostgreSQL ({@link JdbcNotifyStore}: the outbox every instance shares, claimed with
 * {@code FOR UPDATE SKIP LOCKED}) or, without a database, memory ({@link MemoryNotifyStore}: gone at a restart).
 */
interface NotifyStore {

    /** One alarm change to tell of, as the alarm's transaction wrote it. */
    record Change(long id, long alarmId, int version, String kind, String actor, Instant at) {
    }

    /** A message to send: made by the {@link Planner} from a change, or scheduled (a tier, a reminder). */
    record Planned(long alarmId, Long changeId, String kind, String channel, String recipient, String who, String rule,
            String language, String scheduled, Instant dueAt, String failure) {
    }

    /** A message as stored, with its state (pending, sending, sent, failed, cancelled). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(long id, long alarmId, String kind, String channel, String recipient, String who, String rule,
            @JsonIgnore String language, @JsonIgnore String scheduled, Instant dueAt, String state, int attempts,
            Instant sentAt, @JsonIgnore String providerRef, String result, @JsonIgnore Instant changedAt,
            @JsonIgnore boolean resumed, List<Try> tries) {

        Delivery withTries(List<Try> t) {
            return new Delivery(id, alarmId, kind, channel, recipient, who, rule, language, scheduled, dueAt, state,
                    attempts, sentAt, providerRef, result, changedAt, resumed, t);
        }
    }

    /** One attempt: when, by which instance, its outcome (sent, retry, failed, resumed, cancelled, held), the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Try(Instant at, String instance, String outcome, Integer status, String answer, Integer millis) {
    }

    /** What became of a claimed message: its next state, when it is due again (retry), what to record. */
    record Outcome(String state, Instant dueAt, Instant sentAt, String message, String providerRef, String result,
            boolean attempted, Try recorded) {
    }

    /** A settings document and its version (0: never saved). */
    record Stored(String doc, int version) {
    }

    boolean persistent();

    Stored settings(String key) throws SQLException;

    /** Saves when the stored version is still {@code expected}; false when it moved on. */
    boolean saveSettings(String key, String doc, int expected, String by) throws SQLException;

    /** Every user's own settings, by user name. */
    Map<String, String> personal() throws SQLException;

    /** What the planner is given besides the change: the messages sent of that alarm so far. */
    interface Planner {
        List<Planned> plan(Change change, List<Delivery> told) throws SQLException;
    }

    /** Takes up to {@code limit} changes no instance took, plans each and stores the plan, all or nothing. */
    int plan(int limit, Planner planner) throws SQLException;

    /** Claims up to {@code limit} messages of a channel due (or whose claim ran out: {@code resumed}) for {@code lease}. */
    List<Delivery> claim(String instance, String channel, Instant now, Duration lease, int limit) throws SQLException;

    /** Finishes a claim of this instance's (a claim another instance took over is left to it; the try is recorded). */
    void finish(Delivery d, Outcome o) throws SQLException;

    /** Extends this instance's claim on these messages before sending; answers those it still held. */
    List<Long> renew(List<Long> ids, String instance, Instant until) throws SQLException;

    /** Gives back claims of this instance's, due at once (what it held of a group it could not send whole). */
    void release(List<Long> ids, String instance) throws SQLException;

    /** Records a try on its own (a claim cut short by a crash, resumed before it is sent again). */
    void record(long deliveryId, Try t) throws SQLException;

    /** The first message sent to this chat about this alarm (Telegram edits it). */
    Optional<String> firstRef(long alarmId, String channel, String recipient) throws SQLException;

    /** Distinct messages sent to a recipient since {@code since} (a digest is one), when the first and last were sent. */
    record Recent(int count, Instant first, Instant last) {
    }

    Recent sentSince(String channel, String recipient, Instant since) throws SQLException;

    /** Every message of an alarm, newest first, with its tries. */
    List<Delivery> trail(long alarmId) throws SQLException;

    /** Messages not sent yet, by channel: due, retried or held, not the tiers and reminders still to come. */
    Map<String, Long> pending() throws SQLException;

    /** The key that signs acknowledgement links (made once, shared by the instances). */
    byte[] linkKey() throws SQLException;

    /** Whether a link was used. */
    boolean linkUsed(String nonce) throws SQLException;

    /** Marks a link used; false when it was used already. */
    boolean useLink(String nonce, String by, Instant expires) throws SQLException;
}
