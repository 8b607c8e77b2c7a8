package id.bontang.pantau.support;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Map;

/** Configuration mappings as the application sees them (defaults included), for tests without Quarkus. */
public final class Configs {

    private Configs() {
    }

    public static <T> T of(Class<T> mapping, Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(mapping).withDefaultValues(values)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "50ms", "5s" forms
                .build().getConfigMapping(mapping);
    }

    public static <T> T of(Class<T> mapping) {
        return of(mapping, Map.of());
    }
}
