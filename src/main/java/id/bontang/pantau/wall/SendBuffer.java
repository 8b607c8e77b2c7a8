package id.bontang.pantau.wall;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Caps the kernel's send buffer of the HTTP server's sockets. Left to autotuning, Linux lets each socket
 * queue up to 4 MiB: a wall on a slow link would then replay seconds-old deltas before the server noticed
 * it was behind, and a stuck one would hold megabytes. With a small buffer the write queue fills early,
 * so coalescing (the newest state of each tile) and the max-lag rule take over.
 */
@ApplicationScoped
public class SendBuffer implements HttpServerOptionsCustomizer {

    private final WallConfig config;

    public SendBuffer(WallConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(config.socketSendBufferBytes());
    }
}
