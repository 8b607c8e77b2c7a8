package id.bontang.pantau.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The application's meters leave with it. The {@link MeterRegistry} that Quarkus hands every bean is Micrometer's
 * global one, which outlives an application in the same JVM: a later one (the tests start one per profile) would find
 * the earlier one's gauges, which hold the earlier one's objects, and its own registrations of the same names would be
 * ignored. One place for every feature, instead of each unregistering its own.
 */
@Singleton
class ApplicationMeters {

    void stop(@Observes ShutdownEvent e, MeterRegistry registry) {
        registry.clear();
    }
}
