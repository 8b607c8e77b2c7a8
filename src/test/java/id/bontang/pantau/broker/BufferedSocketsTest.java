package id.bontang.pantau.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.eclipse.paho.client.mqttv3.logging.Logger;
import org.junit.jupiter.api.Test;

/** The sockets Paho reads through, and Paho's log. */
class BufferedSocketsTest {

    @Test
    void verifiesThatReadsAreBufferedAndNoByteIsLostAcrossAReadTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = BufferedSockets.INSTANCE.createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            try (Socket peer = server.accept()) {
                assertTrue(client.getInputStream() instanceof BufferedInputStream, "the input is buffered");
                OutputStream out = peer.getOutputStream();
                DataInputStream in = new DataInputStream(client.getInputStream()); // as Paho reads it
                out.write(new byte[] {0x30, 3, 'a'});
                out.flush();
                assertEquals(0x30, in.readByte());
                assertEquals(3, in.readByte());
                client.setSoTimeout(200); // Paho's reads time out to look at its state: half a packet is waiting
                byte[] packet = new byte[4];
                int n = in.read(packet, 0, 4); // what is there, as Paho's readFully counts it
                assertEquals(1, n);
                int got = n;
                assertThrows(SocketTimeoutException.class, () -> in.read(packet, 1, 3));
                out.write(new byte[] {'b', 'c', 0x40});
                out.flush();
                client.setSoTimeout(5_000);
                while (got < 4) { // nothing read before the timeout is lost, nothing is read twice
                    got += in.read(packet, got, 4 - got);
                }
                byte[] again = packet;
                assertArrayEquals(new byte[] {'a', 'b', 'c', 0x40}, again);
            }
        }
    }

    @Test
    void verifiesThatPahosLogKeepsWarningsWithTheCatalogueTextAndDropsTracing() {
        PahoLog log = new PahoLog();
        log.initialise(java.util.ResourceBundle.getBundle(org.eclipse.paho.client.mqttv3.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT),
                "test", null);
        assertTrue(log.isLoggable(Logger.WARNING));
        assertTrue(log.isLoggable(Logger.SEVERE));
        assertEquals(false, log.isLoggable(Logger.FINE), "Paho's tracing is dropped before it is formatted");
        assertEquals("unknown-number", log.formatMessage("unknown-number", null));
        String text = log.formatMessage("252", new Object[] {"broker", 1883, 10_000L});
        assertTrue(text.startsWith("connect to host broker port "), text);
    }
}
