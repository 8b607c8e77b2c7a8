package id.bontang.pantau.broker;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.LiveCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import id.bontang.pantau.catalog.Source;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Which topics this instance's durable sessions subscribe to, and in which session. In partitioned mode each
 * source (device or feed) belongs to one instance and one session, chosen by a hash of its id, so adding a
 * device moves no other; the subscriptions are plain ones, which Mosquitto keeps across its own restarts. In
 * shared mode every session of every instance subscribes the input topics ({@link Topic#INPUTS}) as
 * {@code $share/<group>/…}; with the embedded broker (which has no {@code $share} for MQTT 3.1.1) one session
 * subscribes them plainly. None reads Pantau's own output ({@code pantau/v1/alarms/…}).
 */
@Singleton
public class DurablePartition {

    private final MqttConfig.DurableMode mode;
    private final String group;
    private final List<List<String>> sessions = new ArrayList<>();
    private final int index;
    private final int count;
    private final boolean all;
    private final boolean embedded;
    private final List<String> catalogFilters = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DurablePartition(LiveCatalog live, MqttConfig config, Broker broker) {
        Catalog catalog = live.current();
        this.mode = config.durableMode();
        this.group = config.sharedGroup();
        this.index = config.instanceIndex();
        this.count = Math.max(1, config.instanceCount());
        if (index < 0 || index >= count) {
            throw new IllegalStateException("pantau.mqtt.instance-index must be 0 to " + (count - 1) + " (pantau.mqtt.instance-count "
                    + count + "), not " + index);
        }
        this.embedded = broker.isEmbedded();
        this.all = embedded || mode == MqttConfig.DurableMode.SHARED;
        List<String> inputs = new ArrayList<>(Topics.INPUTS);
        inputs.addAll(Topics.connectors(catalog));
        if (broker.isEmbedded()) {
            sessions.add(new ArrayList<>(inputs));
        } else if (mode == MqttConfig.DurableMode.SHARED) {
            for (int k = 0; k < Math.max(1, config.durableConnections()); k++) {
                sessions.add(new ArrayList<>(inputs.stream().map(f -> "$share/" + config.sharedGroup() + "/" + f).toList()));
            }
        } else {
            List<Source> mine = catalog.sources().values().stream().filter(s -> stores(s.id())).toList();
            int k = Math.max(1, Math.min(config.durableConnections(), mine.size()));
            for (int i = 0; i < k; i++) {
                sessions.add(new ArrayList<>());
            }
            for (Source s : mine) {
                sessions.get(Math.floorMod(hash(s.id()) >>> 32, k)).add(filter(s));
            }
            // A connector's topics are one unit, stored by one instance, like a source (its id shares their name space).
            for (ConnectorSpec c : catalog.connectors()) {
                if (stores(c.id())) {
                    sessions.get(Math.floorMod(hash(c.id()) >>> 32, k)).addAll(c.topics());
                }
            }
            catalog.sources().values().forEach(s -> catalogFilters.add(filter(s)));
            catalogFilters.addAll(Topics.connectors(catalog));
            sessions.removeIf(List::isEmpty);
        }
    }

    private static String filter(Source s) {
        return s.isFeed() ? Topics.FEEDS + s.id() : Topics.DEVICES + s.id() + "/+";
    }

    /**
     * What a session of this layout must not hold: the shared subscription of an earlier version or mode, the
     * whole of {@code pantau/v1/#} that earlier versions subscribed (it holds Pantau's own alarms), and the
     * catalog's filters that another session (or instance) holds now. A persistent session keeps what it once
     * subscribed, so after a change of layout it would still get those messages.
     */
    List<String> notMine(List<String> mine) {
        List<String> other = new ArrayList<>();
        if (embedded) {
            return other; // the embedded broker keeps nothing across Pantau's own restarts
        }
        String shared = "$share/" + group + "/";
        other.add(shared + Topics.ALL);
        other.add(Topics.ALL);
        if (mode == MqttConfig.DurableMode.PARTITIONED && !mine.contains(Topics.INPUTS.get(0))) {
            Topics.INPUTS.forEach(f -> other.add(shared + f));
            catalogFilters.stream().filter(f -> !mine.contains(f)).forEach(other::add);
        }
        return other;
    }

    private static long hash(String id) {
        return MurmurHash3.hash128x64(id.getBytes(StandardCharsets.UTF_8))[0];
    }

    /**
     * A catalog change in partitioned mode: which of this instance's sessions (by index in {@link #sessions()}) newly
     * subscribes the topics of each added source it stores, and the topics of removed sources. Each added source lands
     * in exactly one session; at the next start the usual layout takes over (and {@link #notMine} tidies up).
     *
     * @return empty unless the sessions subscribe per source
     */
    Optional<Follow> follow(Catalog before, Catalog after) {
        if (all) {
            return connectorsChanged(before, after);
        }
        if (sessions.isEmpty()) { // this instance stored no source at start: it has no session to add them to
            after.sources().values().stream().filter(s -> !before.sources().containsKey(s.id()) && stores(s.id()))
                    .forEach(s -> io.quarkus.logging.Log.warnf("MQTT: %s falls to this instance, which has no durable "
                            + "session (it stored no source at start): its readings are stored after a restart", s.id()));
            return Optional.empty();
        }
        Map<Integer, List<String>> add = new HashMap<>();
        List<String> remove = new ArrayList<>();
        for (Source s : after.sources().values()) {
            if (!before.sources().containsKey(s.id())) {
                catalogFilters.add(filter(s));
                if (stores(s.id())) {
                    add.computeIfAbsent(Math.floorMod(hash(s.id()) >>> 32, sessions.size()), k -> new ArrayList<>())
                            .add(filter(s));
                }
            }
        }
        for (Source s : before.sources().values()) {
            if (!after.sources().containsKey(s.id())) {
                catalogFilters.remove(filter(s));
                remove.add(filter(s));
            }
        }
        List<String> had = Topics.connectors(before);
        for (ConnectorSpec c : after.connectors()) {
            List<String> fresh = c.topics().stream().filter(f -> !had.contains(f)).toList();
            catalogFilters.addAll(fresh);
            if (!fresh.isEmpty() && stores(c.id())) {
                add.computeIfAbsent(Math.floorMod(hash(c.id()) >>> 32, sessions.size()), k -> new ArrayList<>()).addAll(fresh);
            }
        }
        List<String> now = Topics.connectors(after);
        had.stream().filter(f -> !now.contains(f)).forEach(f -> {
            catalogFilters.remove(f);
            remove.add(f);
        });
        return Optional.of(new Follow(add, remove));
    }

    /**
     * Where every session reads every input (the embedded broker, shared mode), a connector added or removed: its
     * topics taken on or left by every session (shared: in the group).
     */
    private Optional<Follow> connectorsChanged(Catalog before, Catalog after) {
        List<String> had = Topics.connectors(before);
        List<String> now = Topics.connectors(after);
        String prefix = embedded ? "" : "$share/" + group + "/";
        List<String> added = now.stream().filter(f -> !had.contains(f)).map(f -> prefix + f).toList();
        List<String> gone = had.stream().filter(f -> !now.contains(f)).map(f -> prefix + f).toList();
        if (added.isEmpty() && gone.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, List<String>> add = new HashMap<>();
        for (int i = 0; i < sessions.size(); i++) {
            add.put(i, added);
        }
        return Optional.of(new Follow(add, gone));
    }

    /** @param add by session index, the filters it takes on; @param remove filters no session keeps */
    record Follow(Map<Integer, List<String>> add, List<String> remove) {
    }

    /** The topic filters of each durable session. */
    List<List<String>> sessions() {
        return sessions;
    }

    MqttConfig.DurableMode mode() {
        return mode;
    }

    /** Whether this instance's durable sessions receive the messages of a source (in shared mode: possibly). */
    public boolean stores(String source) {
        return all || source == null || Math.floorMod(hash(source), count) == index;
    }
}
