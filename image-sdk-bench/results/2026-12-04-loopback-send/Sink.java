import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Receives whatever is sent to 127.0.0.1:port (1 MiB reads), then answers one byte. */
public class Sink {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket s = server.accept();
                new Thread(() -> {
                    try (s) {
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[1 << 20];
                        while (in.read(buf) > 0) {
                            // discard
                        }
                        s.getOutputStream().write(1);
                    } catch (Exception ignored) {
                        // next connection
                    }
                }).start();
            }
        }
    }
}
