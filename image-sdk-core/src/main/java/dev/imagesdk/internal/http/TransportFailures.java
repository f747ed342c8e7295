package dev.imagesdk.internal.http;

import dev.imagesdk.exception.TransportException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.util.Locale;

/**
 * The words for a failed exchange, so that a person can act on it: which service could not be reached, the
 * method and URL (user-info and secret query values masked), the operation in Glance's (or Keystone's) words
 * and the cause as a sentence rather than an exception class:
 * <pre>
 * Could not reach the image service: GET http://127.0.0.1:1/v2/images/abc (get image): connection refused
 * Could not reach Keystone: POST https://id.example/v3/auth/tokens (issue token): unknown host id.example
 * Could not reach the image service: GET https://... (get image): TLS handshake failed: &lt;reason&gt;
 * No answer from the image service: GET ... (get image): timed out after 3 s
 * The connection to the image service failed: GET ... (get image): connection reset after 10 bytes
 * </pre>
 * The method, URL, timeout and byte count come from the {@link ExchangeFailure} the transport wraps its failure
 * in; without one (a failure raised elsewhere) the message names the operation and method only.
 */
public final class TransportFailures {

    private TransportFailures() {
    }

    /**
     * The typed exception for an I/O failure of the call {@code spec}. Its cause is the transport's own
     * exception ({@link ExchangeFailure#original()} when {@code failure} is one).
     */
    public static TransportException exception(CallSpec spec, IOException failure) {
        if (failure instanceof ExchangeFailure ef) {
            return new TransportException(describe(spec.name(), ef.method(), ef.url(), ef.original(), ef.timeout(),
                    ef.connectTimeout(), ef.bodyBytes()), ef.original());
        }
        return new TransportException(describe(spec.name(), spec.method(), null, failure, null, null,
                ExchangeFailure.NO_ANSWER), failure);
    }

    /**
     * The message for a failed exchange.
     *
     * @param operation the call's name ({@link CallSpec#name()})
     * @param method the HTTP method
     * @param urlOrNull the URL, safe to show (already masked), or null when unknown
     * @param failure the transport's failure
     * @param timeoutOrNull the timeout for the answer, when known
     * @param connectTimeoutOrNull the timeout for connecting, when known
     * @param bodyBytes bytes of the answer's body received, or {@link ExchangeFailure#NO_ANSWER}
     */
    public static String describe(String operation, String method, String urlOrNull, Throwable failure,
                                  Duration timeoutOrNull, Duration connectTimeoutOrNull, long bodyBytes) {
        Cause cause = cause(failure, urlOrNull, timeoutOrNull, connectTimeoutOrNull, bodyBytes);
        String service = service(operation);
        String lead = switch (cause.phase) {
            case CONNECT -> "Could not reach " + service;
            case ANSWER -> "No answer from " + service;
            default -> "The connection to " + service + " failed";
        };
        String words = operationWords(operation);
        StringBuilder m = new StringBuilder(lead).append(": ").append(method);
        if (urlOrNull != null) {
            m.append(' ').append(urlOrNull);
        }
        if (words != null) {
            m.append(" (").append(words).append(')');
        }
        return m.append(": ").append(cause.words).toString();
    }

    /**
     * The cause alone, in words ({@code connection refused}, {@code unknown host h}, {@code TLS handshake failed:
     * ...}, {@code timed out after 3 s}, {@code connection reset after 10 bytes of the answer's body}).
     *
     * @param failure the transport's failure
     * @param urlOrNull the URL (for the host name), or null
     * @param timeoutOrNull the timeout for the answer, when known
     * @param connectTimeoutOrNull the timeout for connecting, when known
     * @param bodyBytes bytes of the answer's body received, or {@link ExchangeFailure#NO_ANSWER}
     */
    public static String causeInWords(Throwable failure, String urlOrNull, Duration timeoutOrNull,
                                      Duration connectTimeoutOrNull, long bodyBytes) {
        return cause(failure, urlOrNull, timeoutOrNull, connectTimeoutOrNull, bodyBytes).words;
    }

    /** Which service a call talks to, from its name: Keystone's calls are named {@code keystone.*}. */
    static String service(String operation) {
        return operation.startsWith("keystone") ? "Keystone" : "the image service";
    }

    /**
     * The operation as a person says it: {@code keystone.issueToken} is "issue token", the version document
     * "API version discovery"; v1 calls, named by their method and path, need no words beside the URL.
     */
    static String operationWords(String operation) {
        if (operation.startsWith("keystone.")) {
            return operation.substring("keystone.".length()).replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(Locale.ROOT);
        }
        if (operation.equals("image.versions")) {
            return "API version discovery";
        }
        if (operation.startsWith("v1 ")) {
            return null;
        }
        return operation;
    }

    private enum Phase { CONNECT, ANSWER, CONNECTION }

    private record Cause(Phase phase, String words) {
    }

    private static Cause cause(Throwable failure, String url, Duration timeout, Duration connectTimeout,
                               long bodyBytes) {
        UnknownHostException unknown = find(failure, UnknownHostException.class);
        if (unknown != null || find(failure, UnresolvedAddressException.class) != null) {
            String host = hostOf(url);
            if (host == null && unknown != null) {
                host = unknown.getMessage();
            }
            return new Cause(Phase.CONNECT, host == null ? "unknown host" : "unknown host " + host);
        }
        if (find(failure, HttpConnectTimeoutException.class) != null || isConnectTimeout(failure)) {
            return new Cause(Phase.CONNECT, "connect timed out" + after(connectTimeout));
        }
        SSLHandshakeException handshake = find(failure, SSLHandshakeException.class);
        if (handshake != null) {
            return new Cause(Phase.CONNECT, "TLS handshake failed: " + tlsReason(handshake));
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) { // after the handshake: the encrypted stream broke
            return new Cause(Phase.CONNECTION, "TLS failure: " + tlsReason(tls) + bytes(bodyBytes));
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return new Cause(Phase.CONNECT, "no route to host " + (hostOf(url) == null ? "" : hostOf(url)).trim());
        }
        ConnectException connect = find(failure, ConnectException.class);
        if (connect != null) {
            String msg = deepestMessage(connect);
            return new Cause(Phase.CONNECT, msg == null || msg.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : "could not connect: " + msg);
        }
        HttpTimeoutException httpTimeout = find(failure, HttpTimeoutException.class);
        if (httpTimeout != null || find(failure, SocketTimeoutException.class) != null) {
            // Our own body timeout says which part of the answer was late; the JDK's says only "request timed out".
            String detail = httpTimeout == null || httpTimeout.getMessage() == null
                    || httpTimeout.getMessage().equals("request timed out") ? "" : ": " + httpTimeout.getMessage();
            return new Cause(Phase.ANSWER, "timed out" + after(timeout) + detail);
        }
        SocketException socket = find(failure, SocketException.class);
        String socketMsg = socket == null || socket.getMessage() == null ? ""
                : socket.getMessage().toLowerCase(Locale.ROOT);
        if (socketMsg.contains("reset")) {
            return new Cause(Phase.CONNECTION, "connection reset" + bytes(bodyBytes));
        }
        if (socketMsg.contains("broken pipe")) {
            return new Cause(Phase.CONNECTION, "the service closed the connection while the request was sent");
        }
        if (find(failure, EOFException.class) != null || closedEarly(failure)) {
            return new Cause(Phase.CONNECTION, "connection closed by the service" + bytes(bodyBytes));
        }
        String msg = failure.getMessage();
        return new Cause(Phase.CONNECTION, failure.getClass().getSimpleName() + (msg == null ? "" : ": " + msg)
                + bytes(bodyBytes));
    }

    private static String after(Duration d) {
        if (d == null) {
            return "";
        }
        return " after " + BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString()
                + " s";
    }

    private static String bytes(long bodyBytes) {
        return bodyBytes == ExchangeFailure.NO_ANSWER ? " before an answer arrived"
                : " after " + bodyBytes + (bodyBytes == 1 ? " byte" : " bytes") + " of the answer's body";
    }

    /** The reason of a failed handshake: its innermost message, plus what to do about an untrusted certificate. */
    private static String tlsReason(SSLException tls) {
        String reason = deepestMessage(tls);
        if (reason == null) {
            reason = tls.getClass().getSimpleName();
        }
        if (find(tls, CertPathBuilderException.class) != null || reason.contains("certification path")) {
            reason += " (the service's certificate is not signed by a trusted CA: give its CA bundle with "
                    + "OS_CACERT or caCert(...))";
        }
        return reason;
    }

    private static boolean isConnectTimeout(Throwable failure) {
        SocketTimeoutException t = find(failure, SocketTimeoutException.class);
        return t != null && t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("connect");
    }

    /** The JDK client's words for a body cut short by the peer closing the connection. */
    private static boolean closedEarly(Throwable failure) {
        for (Throwable c = failure; c != null; c = next(c)) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (m.contains("bytes received") || m.contains("received no bytes") || m.contains("closed")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost non-blank message of the chain, without the class-name prefixes wrappers add. */
    private static String deepestMessage(Throwable t) {
        String found = null;
        for (Throwable c = t; c != null; c = next(c)) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                found = c.getMessage();
            }
        }
        if (found == null) {
            return null;
        }
        // "sun.security.x.FooException: text" -> "text"
        return found.replaceAll("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "").trim();
    }

    private static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable next(Throwable c) {
        return c.getCause() == c ? null : c.getCause();
    }
}
