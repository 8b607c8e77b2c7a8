package id.bontang.pantau.broker;

/** Where the live subscription hands each message of the devices' and feeds' topics (ingest/Ingest). */
public interface LiveInbox {

    /**
     * One message, on Paho's callback thread: it must not wait.
     *
     * @param retained the message's retain flag: a retained message the broker sent because of a (new) subscription
     */
    void mqtt(String topic, byte[] payload, boolean retained);
}
