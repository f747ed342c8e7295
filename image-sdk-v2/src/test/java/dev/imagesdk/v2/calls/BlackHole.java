package dev.imagesdk.v2.calls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server on 127.0.0.1 that accepts every connection and never answers (nor closes) until it is closed. */
final class BlackHole implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    BlackHole() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept()); // kept open, never read from, never answered
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "black-hole-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int accepted() {
        return held.size();
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket s : held) {
            s.close();
        }
        acceptor.join(5_000);
    }
}
