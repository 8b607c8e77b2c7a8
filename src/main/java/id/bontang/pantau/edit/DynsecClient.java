package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.broker.Broker;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Mosquitto's dynamic-security plugin, commanded as its administrator: a list of commands published to
 * {@code $CONTROL/dynamic-security/v1}, their answers read from {@code …/v1/response} in the same order, matched by the
 * {@code correlationData} of the first. The commands and answers are the plugin's (mosquitto 2.0, plugins/dynamic-security).
 */
final class DynsecClient implements AutoCloseable {

    /** A command the broker answered with an error. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final String TOPIC = "$CONTROL/dynamic-security/v1";
    private static final String RESPONSE = TOPIC + "/response";

    private final MqttAsyncClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    /** @param connected run at every connection, once the answers can be read (the broker may have restarted) */
    DynsecClient(Broker broker, String username, String password, Runnable connected) {
        client = broker.client("dynsec", false);
        MqttConnectOptions o = broker.options(true);
        o.setUserName(username);
        o.setPassword(password.toCharArray());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                try {
                    client.subscribe(RESPONSE, 1, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                        @Override
                        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                            connected.run();
                        }

                        @Override
                        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                            Log.warnf("Broker logins: cannot read the plugin's answers (%s)", e.getMessage());
                        }
                    });
                } catch (MqttException e) {
                    Log.warnf("Broker logins: cannot read the plugin's answers (%s)", e.getMessage());
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                waiting.values().forEach(f -> f.completeExceptionally(cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                answered(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        id.bontang.pantau.broker.Connector.connect(client, o);
    }

    private void answered(byte[] payload) {
        try {
            JsonNode responses = json.readTree(payload).path("responses");
            String id = responses.path(0).path("correlationData").asText(null);
            CompletableFuture<JsonNode> f = id == null ? null : waiting.remove(id);
            if (f != null) {
                f.complete(responses);
            }
        } catch (java.io.IOException e) {
            Log.debugf("Broker logins: an answer that is not JSON (%s)", e.getMessage());
        }
    }

    boolean connected() {
        return client.isConnected();
    }

    /**
     * Runs {@code commands} in order.
     *
     * @param tolerated errors that mean "done already" ({@code Client already exists}, {@code Client not found}, …)
     * @return each command's answer
     * @throws Refused the first other error, naming its command
     */
    List<JsonNode> run(List<Map<String, Object>> commands, Set<String> tolerated) throws Refused {
        if (commands.isEmpty()) {
            return List.of();
        }
        String id = UUID.randomUUID().toString();
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>(commands.get(i));
            c.put("correlationData", id + "-" + i);
            sent.add(c);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id + "-0", answer);
        try {
            byte[] body = json.writeValueAsBytes(Map.of("commands", sent));
            client.publish(TOPIC, body, 1, false);
            JsonNode responses = answer.get(5, TimeUnit.SECONDS);
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode r : responses) {
                String error = r.path("error").asText(null);
                if (error != null && !tolerated.contains(error)) {
                    throw new Refused(r.path("command").asText() + ": " + error);
                }
                out.add(r);
            }
            return out;
        } catch (MqttException | java.io.IOException | ExecutionException e) {
            throw new Refused("the broker cannot be reached (" + e.getMessage() + ")");
        } catch (TimeoutException e) {
            throw new Refused("the broker did not answer within 5 s (is the dynamic-security plugin loaded, "
                    + "and does this login hold its admin role?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        } finally {
            waiting.remove(id + "-0");
        }
    }


    @Override
    public void close() {
        try {
            client.disconnectForcibly(0, 1000);
            client.close();
        } catch (MqttException e) {
            // gone already
        }
    }
}
