package id.bontang.pantau.broker;

/**
 * Fired once Pantau's own subscriptions are active (the live one and, with a database, every durable
 * session). A message published before that would not reach them; the simulator waits for it.
 */
public record ReceiversReady() {
}
