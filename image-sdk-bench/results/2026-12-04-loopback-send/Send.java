import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Sends a file to 127.0.0.1:port six times and prints this process's CPU per round. Modes: readonly (read the
 * file, no send), write (read into 1 MiB buffers, write() them to the socket), sendfile (FileChannel.transferTo
 * to the socket). With "hash", every mode also computes SHA-512 of the file: write hashes each buffer before
 * sending it; sendfile hashes a separate read of the file on a second thread (the data never enters the JVM
 * for sending).
 */
public class Send {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String mode = args[2];
        boolean hash = args.length > 3;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long size = Files.size(file);
        for (int round = 0; round < 6; round++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            switch (mode) {
                case "readonly" -> readAll(file, hash, null);
                case "write" -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        readAll(file, hash, s.getOutputStream());
                        s.shutdownOutput();
                        s.getInputStream().read();
                    }
                }
                case "sendfile" -> {
                    try (SocketChannel s = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                         FileChannel fc = FileChannel.open(file)) {
                        Thread hasher = null;
                        if (hash) {
                            hasher = new Thread(() -> {
                                try {
                                    readAll(file, true, null);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                            hasher.start();
                        }
                        long pos = 0;
                        while (pos < size) {
                            pos += fc.transferTo(pos, size - pos, s);
                        }
                        s.shutdownOutput();
                        s.read(ByteBuffer.allocate(1));
                        if (hasher != null) {
                            hasher.join();
                        }
                    }
                }
                default -> throw new IllegalArgumentException(mode);
            }
            System.out.printf("%s hash=%s round=%d cpu_s=%.3f wall_s=%.3f%n", mode, hash, round,
                    (os.getProcessCpuTime() - cpu0) / 1e9, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void readAll(Path file, boolean hash, OutputStream out) throws Exception {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        try (InputStream in = new FileInputStream(file.toFile())) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (hash) {
                    sha512.update(buf, 0, n);
                }
                if (out != null) {
                    out.write(buf, 0, n);
                }
            }
        }
    }
}
