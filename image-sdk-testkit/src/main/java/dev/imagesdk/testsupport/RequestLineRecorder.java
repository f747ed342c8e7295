package dev.imagesdk.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A raw HTTP server on 127.0.0.1 that records each request line exactly as it arrived (no decoding, no
 * normalising, unlike servlet containers, which reject or rewrite {@code %2F} and {@code %2E%2E}) and answers
 * every request with {@code Connection: close} and a JSON body: {@code 404} unless told otherwise. For tests of what a client
 * puts on the wire. One thread per connection; stops on {@link #close()}.
 */
public final class RequestLineRecorder implements AutoCloseable {

    /** A status and JSON body to answer with. */
    public record Answer(int status, String json) {
        public static final Answer NOT_FOUND = new Answer(404, "{\"message\": \"recorded\"}");
    }

    private final ServerSocket server;
    private final Function<String, Answer> answers;
    private final List<String> lines = new ArrayList<>();
    private final Thread acceptor;

    /** Answers every request 404. */
    public RequestLineRecorder() throws IOException {
        this(line -> Answer.NOT_FOUND);
    }

    /** Answers each request with what {@code answers} gives for its request line. */
    public RequestLineRecorder(Function<String, Answer> answers) throws IOException {
        this.answers = answers;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "request-line-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String root() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The request lines seen so far ({@code METHOD raw-target HTTP/1.1}), oldest first. */
    public synchronized List<String> requestLines() {
        return List.copyOf(lines);
    }

    /** The raw request targets (path and query, as sent) seen so far, oldest first. */
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        for (String l : requestLines()) {
            String[] p = l.split(" ");
            out.add(p.length > 1 ? p[1] : l);
        }
        return out;
    }

    public synchronized void clear() {
        lines.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "request-line-recorder-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            String line = readLine(in);
            if (line == null) {
                return;
            }
            synchronized (this) {
                lines.add(line);
            }
            String header;
            while ((header = readLine(in)) != null && !header.isEmpty()) {
                // headers are not needed
            }
            OutputStream out = s.getOutputStream();
            Answer a = answers.apply(line);
            byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 " + a.status() + " Recorded\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (!line.startsWith("HEAD ")) {
                out.write(body);
            }
            out.flush();
            s.shutdownOutput();
            drain(in);
        } catch (IOException e) {
            // the client went away: nothing to record
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard an unread request body until the client closes
            }
        } catch (SocketTimeoutException e) {
            // the client kept the connection: close it
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
