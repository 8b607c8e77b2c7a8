package id.bontang.pantau.broker;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, for Paho's {@code tcp://} connections. Paho reads each packet's
 * header from the socket's stream one byte at a time (the type, then every byte of the length), which on a bare
 * socket is a system call per byte: three or four reads for every message. With a buffer one read takes as many
 * packets as the kernel holds. Paho's reads time out every second to look at its own state; a buffer keeps what it
 * read across a timeout, so no byte is lost.
 */
public final class BufferedSockets extends SocketFactory {

    public static final BufferedSockets INSTANCE = new BufferedSockets();
    private static final int BUFFER = 64 * 1024;

    private BufferedSockets() {
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            private InputStream in;

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (in == null) {
                    in = new BufferedInputStream(super.getInputStream(), BUFFER);
                }
                return in;
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), localAddress, localPort);
    }

    private Socket connected(InetSocketAddress to, InetAddress localAddress, int localPort) throws IOException {
        Socket s = createSocket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, localPort));
        }
        s.connect(to);
        return s;
    }
}
