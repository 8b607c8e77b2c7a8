package id.bontang.pantau.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a LoRaWAN network server says of a device beside its readings, kept as metrics of the device so that tiles and
 * alarm rules can use them (a low battery, a device losing its uplinks). A device with a {@code devEui} has them
 * besides its kind's; a kind may declare them itself (for devices found by a tag).
 */
public final class DeviceHealth {

    /** Battery level of ChirpStack's status event, in percent. */
    public static final String BATTERY = "battery";
    /** The best received signal strength among the gateways that heard the uplink. */
    public static final String RSSI = "rssi";
    /** The best signal-to-noise ratio among the gateways that heard the uplink. */
    public static final String SNR = "snr";
    /** Uplinks lost before this one: the frame counter's gap (a total: summed over a window). */
    public static final String LOST = "uplinks_lost";

    private static final Map<String, MetricSpec> METRICS = Map.of(
            BATTERY, new MetricSpec("%", 0, 100, MetricSpec.Type.STATE),
            RSSI, new MetricSpec("dBm", -200, 50, MetricSpec.Type.STATE),
            SNR, new MetricSpec("dB", -50, 50, MetricSpec.Type.STATE),
            LOST, new MetricSpec("count", 0, 65_535, MetricSpec.Type.TOTAL));

    private DeviceHealth() {
    }

    static Map<String, MetricSpec> withHealth(Map<String, MetricSpec> metrics) {
        Map<String, MetricSpec> all = new LinkedHashMap<>(metrics);
        METRICS.forEach(all::putIfAbsent);
        return Collections.unmodifiableMap(all);
    }

    public static boolean health(String metric) {
        return METRICS.containsKey(metric);
    }
}
