package id.bontang.pantau.wall;

import id.bontang.pantau.security.Credential;
import id.bontang.pantau.security.Credentials;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every {@code pantau.security.socket-recheck}, the sign-ins of the open sockets are checked again, all at once: a
 * socket whose session ended (sign-out, on any instance), whose display was revoked, or whose user was disabled or
 * changed is closed with {@link WallClient#SIGNED_OUT}, and its page signs in again.
 */
@Singleton
public class SignedInSockets {

    private final TileHub hub;
    private final Credentials credentials;

    public SignedInSockets(TileHub hub, Credentials credentials) {
        this.hub = hub;
        this.credentials = credentials;
    }

    @Scheduled(every = "${pantau.security.socket-recheck:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheck() {
        List<WallClient> clients = hub.clients();
        Set<Credential> held = clients.stream().map(c -> c.credential).filter(Objects::nonNull).collect(Collectors.toSet());
        if (held.isEmpty()) {
            return;
        }
        Set<Credential> valid = credentials.stillValid(held);
        for (WallClient client : clients) {
            if (client.credential != null && !valid.contains(client.credential)) {
                synchronized (hub) {
                    client.signedOut();
                }
            }
        }
    }
}
