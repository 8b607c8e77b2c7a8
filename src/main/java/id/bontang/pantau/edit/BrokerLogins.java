package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.broker.Broker;
import id.bontang.pantau.broker.MqttConfig;
import id.bontang.pantau.catalog.BrokerAccess;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.DynamicSecurity;
import id.bontang.pantau.catalog.LiveCatalog;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Each device and feed with its own broker login, made by Pantau: with the broker's dynamic-security plugin and its
 * administrator's password ({@code PANTAU_MQTT_DYNSEC_PASSWORD}), the logins follow the catalog. A device or feed
 * added gets its login (bound to its id as client id, its role allowed to publish only its own topics, its status and
 * last will included) without a secret until a steward issues one ({@link #issue}); one removed or retired loses its
 * login, and the broker closes its connection. Only logins holding a {@code device-…} or {@code feed-…} role are
 * Pantau's to remove: Pantau's own, the alarm followers' and the administrator's are never touched.
 *
 * <p>Without the password, or on the embedded broker, nothing is done: the broker's logins are managed elsewhere (the
 * credentials tool, or the city's own broker). Every instance follows the catalog; what another did first ("already
 * exists", "not found") is taken as done.
 */
@Startup
@Singleton
public class BrokerLogins {

    private static final Set<String> DONE_ALREADY = Set.of("Client already exists", "Role already exists",
            "Client not found", "Role not found", "ACL with this topic already exists");

    private final Broker broker;
    private final LiveCatalog live;
    private final CatalogVersions versions;
    private final String username;
    private final Optional<String> password;
    /** One change at a time, in order, off the catalog's thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "pantau-broker-logins"));
    private volatile DynsecClient client;
    private volatile String lastProblem;

    public BrokerLogins(Broker broker, LiveCatalog live, MqttConfig config, CatalogVersions versions) {
        this.broker = broker;
        this.versions = versions;
        this.live = live;
        this.username = config.dynsecUsername();
        this.password = config.dynsecPassword().filter(p -> !p.isBlank());
    }

    @PostConstruct
    void start() {
        if (!managed()) {
            Log.infof("Broker logins: managed elsewhere (%s)", elsewhere());
            return;
        }
        // At every connection (a broker restarted from an older file, say) and at every change of the catalog.
        client = new DynsecClient(broker, username, password.orElseThrow(), () -> worker.execute(() -> follow(live.current())));
        live.listen((before, after, version) -> worker.execute(() -> follow(after)));
        Log.infof("Broker logins: each device and feed gets its own login through the broker's dynamic security, as %s",
                username);
    }

    void stop(@Observes ShutdownEvent e) {
        worker.shutdownNow();
        if (client != null) {
            client.close();
        }
    }

    /** Whether Pantau makes the broker's logins (else they are managed elsewhere). */
    public boolean managed() {
        return !broker.isEmbedded() && password.isPresent();
    }

    /** Why not, when not: what the page and the API say. */
    public String elsewhere() {
        return broker.isEmbedded() ? "the embedded broker lets Pantau's own clients in only"
                : "no PANTAU_MQTT_DYNSEC_PASSWORD: the broker's logins come from the credentials tool or the city's own broker";
    }

    /** The last problem following the catalog, or null when the logins match it. */
    public String problem() {
        return lastProblem;
    }

    /** Makes the logins match {@code catalog}: the missing made, those of sources gone removed (their connections closed). */
    private void follow(Catalog catalog) {
        try {
            DynamicSecurity wanted = BrokerAccess.identities(catalog);
            Map<String, DynamicSecurity.Role> roles = new LinkedHashMap<>();
            wanted.roles().stream().filter(r -> ours(r.name())).forEach(r -> roles.put(r.name(), r));
            List<DynamicSecurity.Login> logins = wanted.logins().stream()
                    .filter(l -> l.roles().stream().anyMatch(BrokerLogins::ours)).toList();
            JsonNode existing = client.run(List.of(Map.of("command", "listClients", "verbose", true, "count", -1, "offset", 0),
                    Map.of("command", "listRoles", "verbose", false, "count", -1, "offset", 0)), Set.of()).get(0);
            Set<String> have = new HashSet<>();
            List<Map<String, Object>> commands = new ArrayList<>();
            Map<String, List<String>> heldRoles = new java.util.HashMap<>();
            for (JsonNode c : existing.path("data").path("clients")) {
                String user = c.path("username").asText();
                boolean device = false;
                for (JsonNode r : c.path("roles")) {
                    device |= ours(r.path("rolename").asText());
                    heldRoles.computeIfAbsent(user, k -> new ArrayList<>()).add(r.path("rolename").asText());
                }
                have.add(user);
                // Never removed from a catalog that may lack devices added since (a seed file, a version behind).
                if (device && versions.authoritative() && logins.stream().noneMatch(l -> l.username().equals(user))) {
                    commands.add(Map.of("command", "deleteClient", "username", user)); // the broker closes its connection
                    c.path("roles").forEach(r -> commands.add(Map.of("command", "deleteRole", "rolename",
                            r.path("rolename").asText())));
                }
            }
            for (DynamicSecurity.Login l : logins) {
                List<String> held = heldRoles.getOrDefault(l.username(), List.of());
                String wantedRole = l.roles().get(0);
                if (have.contains(l.username()) && wantedRole.startsWith("connector-") && !held.contains(wantedRole)) {
                    // A connector's topics changed: its role is named after them, so the new one is made and given
                    // before the old one goes (no moment without a right to publish)
                    DynamicSecurity.Role role = roles.get(wantedRole);
                    commands.add(Map.of("command", "createRole", "rolename", role.name(), "textname", role.description(),
                            "acls", role.acls().stream().map(a -> Map.of("acltype", a.type(), "topic", a.topic(), "allow", true)).toList()));
                    commands.add(Map.of("command", "addClientRole", "username", l.username(), "rolename", role.name()));
                    held.stream().filter(r -> r.startsWith("connector-")).forEach(r -> {
                        commands.add(Map.of("command", "removeClientRole", "username", l.username(), "rolename", r));
                        commands.add(Map.of("command", "deleteRole", "rolename", r));
                    });
                }
                if (!have.contains(l.username())) {
                    DynamicSecurity.Role role = roles.get(l.roles().get(0));
                    commands.add(Map.of("command", "createRole", "rolename", role.name(), "textname", role.description(),
                            "acls", role.acls().stream().map(a -> Map.of("acltype", a.type(), "topic", a.topic(), "allow", true)).toList()));
                    commands.add(Map.of("command", "createClient", "username", l.username(), "clientid", l.clientId(),
                            "textname", l.description(), "roles", List.of(Map.of("rolename", role.name()))));
                }
            }
            // Pantau's own role reads the connectors' topics (a left-over read of a connector removed is harmless).
            BrokerAccess.connectorReads().forEach(a -> commands.add(Map.of("command", "addRoleACL", "rolename",
                    BrokerAccess.PANTAU, "acltype", a.type(), "topic", a.topic(), "allow", true)));
            client.run(commands, DONE_ALREADY);
            if (!commands.isEmpty()) {
                Log.infof("Broker logins: %d created, %d removed to follow the catalog",
                        commands.stream().filter(c -> "createClient".equals(c.get("command"))).count(),
                        commands.stream().filter(c -> "deleteClient".equals(c.get("command"))).count());
            }
            lastProblem = null;
        } catch (DynsecClient.Refused e) {
            lastProblem = e.getMessage();
            Log.warnf("Broker logins: cannot follow the catalog (%s); tried again at its next change or a credential", e.getMessage());
        }
    }

    private static boolean ours(String role) {
        return role.startsWith("device-") || role.startsWith("feed-") || role.startsWith("connector-");
    }

    /**
     * A new secret for a source's login: set at the broker (which keeps only its hash), and the login disabled and
     * enabled again so that a connection made with the old secret is closed. Never stored or logged here.
     *
     * @return the secret, to be shown once
     * @throws DynsecClient.Refused when the broker does not do it
     */
    String issue(String login) throws DynsecClient.Refused {
        try {
            return worker.submit(() -> {
                follow(live.current()); // the login exists, whatever the catalog's last change did
                String secret = BrokerAccess.newPassword();
                client.run(List.of(Map.of("command", "setClientPassword", "username", login, "password", secret),
                        Map.of("command", "disableClient", "username", login),
                        Map.of("command", "enableClient", "username", login)), Set.of());
                return secret;
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof DynsecClient.Refused r ? r : new DynsecClient.Refused(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynsecClient.Refused("interrupted");
        }
    }
}
