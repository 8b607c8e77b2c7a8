package id.bontang.pantau.connector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What connectors take from configuration rather than the catalog: secrets, and where a pull feed really is. */
@ConfigMapping(prefix = "pantau.connector")
public interface ConnectorConfig {

    /**
     * The connectors' secrets by name ({@code PANTAU_CONNECTOR_SECRETS=tts-bontang=…,agency@api.example.go.id=…}): a
     * webhook's shared secret, a pull feed's bearer token or basic {@code user:password}. The catalog names them, never
     * holds them. A secret sent in a request is bound to its host ({@code name@host}): a steward who points a feed
     * elsewhere cannot have it sent there; one without a host is never sent (a webhook's, compared only).
     */
    Optional<String> secrets();

    /**
     * Hosts a pull feed may reach although they are private (loopback, link-local, the city's own networks): by
     * default a feed whose host resolves to one is refused, so that a steward cannot make Pantau read the machine's or
     * the network's own services ({@code PANTAU_CONNECTOR_PULL_HOSTS=simrs.bontang.local,10.2.0.15}).
     */
    Optional<String> pullHosts();

    /**
     * A pull feed's url in place of the catalog's ({@code PANTAU_CONNECTOR_URLS=bmkg-gempa=http://…}): a proxy, a
     * staging copy; dev mode points the built-in one at the simulator.
     */
    Optional<String> urls();

    /** Whether pull feeds are polled at all (an instance for reading only, a test). */
    @WithDefault("true")
    boolean pull();

    /** How long an instance holds a pull feed's lease past its last poll: another takes over after it. */
    @WithDefault("PT30S")
    java.time.Duration lease();
}
