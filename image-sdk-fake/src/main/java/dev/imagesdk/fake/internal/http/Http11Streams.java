package dev.imagesdk.fake.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The body streams of an {@link Http11Exchange}: request bodies (length-delimited or chunked) and response bodies. */
final class Http11Streams {
    private Http11Streams() {
    }

    /**
     * The request body: {@code length} bytes, or chunked when {@code length < 0}. Sends
     * {@code 100 Continue} on the first read when the client expects it. Closing it does not
     * discard anything: the exchange drains what is left before answering.
     */
    static final class RequestBody extends InputStream {
        private final InputStream in;
        private final boolean chunked;
        private long remaining;
        private OutputStream continueTo;
        private boolean eof;

        RequestBody(InputStream in, long length, OutputStream continueTo) {
            this.in = in;
            this.chunked = length < 0;
            this.remaining = chunked ? 0 : length;
            this.eof = !chunked && length == 0;
            this.continueTo = continueTo;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (eof) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (continueTo != null) {
                continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                continueTo.flush();
                continueTo = null;
            }
            if (chunked && remaining == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("connection closed before all data received");
            }
            remaining -= n;
            if (!chunked && remaining == 0) {
                eof = true;
            }
            if (chunked && remaining == 0) {
                String crlf = Http11Server.readLine(in, 2, 400, "Bad chunk");
                if (!crlf.isEmpty()) {
                    throw new Http11Server.BadRequest(400, "Bad chunk");
                }
            }
            return n;
        }

        /** Reads the next chunk-size line; false at the last chunk (its trailers consumed). */
        private boolean nextChunk() throws IOException {
            String line = Http11Server.readLine(in, 1024, 400, "Bad chunk size");
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
            if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new Http11Server.BadRequest(400, "Bad chunk size");
            }
            remaining = Long.parseLong(hex, 16);
            if (remaining == 0) {
                int trailers = 0;
                while (!Http11Server.readLine(in, Http11Server.MAX_LINE, 400, "Bad trailer").isEmpty()) {
                    if (++trailers > Http11Server.MAX_HEADERS) {
                        throw new Http11Server.BadRequest(400, "Too many trailers");
                    }
                }
                eof = true;
                return false;
            }
            return true;
        }

        /**
         * Discards the rest of the body, at most {@code max} bytes; true if the body ended (the
         * connection can carry another request), false if it is longer, broken or stalled.
         */
        boolean drain(long max) {
            if (eof) {
                return true;
            }
            if (continueTo != null) {
                return false; // the client waits for 100 Continue: its body may or may not follow
            }
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            try {
                int n;
                while (total <= max && (n = read(buf, 0, buf.length)) >= 0) {
                    total += n;
                }
            } catch (IOException e) {
                return false;
            }
            return eof;
        }

        @Override
        public void close() {
            // nothing: the exchange drains the rest before its answer
        }
    }

    /** The response body: exactly {@code length} bytes, chunked when {@code length < 0}. */
    static final class ResponseBody extends OutputStream {
        private final OutputStream raw;
        private final boolean chunked;
        private long remaining;
        private boolean closed;

        ResponseBody(OutputStream raw, long length) {
            this.raw = raw;
            this.chunked = length < 0;
            this.remaining = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("response body closed");
            }
            if (len == 0) {
                return;
            }
            if (chunked) {
                raw.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                raw.write(b, off, len);
                raw.write('\r');
                raw.write('\n');
                return;
            }
            if (len > remaining) {
                throw new IOException("too many bytes to write to stream");
            }
            raw.write(b, off, len);
            remaining -= len;
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (chunked) {
                raw.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            raw.flush();
        }

        /** True if every promised byte was written (a close-delimited body never completes the connection). */
        boolean complete() {
            return closed && (chunked || remaining == 0);
        }
    }
}
