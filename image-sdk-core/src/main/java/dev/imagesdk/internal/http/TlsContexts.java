package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The SSL context of a service instance: the JDK's trust store by default, the certificates of a PEM
 * bundle ({@code OS_CACERT} / {@code cacert}) when given, or no verification at all only when explicitly
 * asked ({@code OS_INSECURE} / {@code verify: false}), which is logged as a warning.
 */
public final class TlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    public static SSLContext create(Path caCertOrNull, boolean insecure) {
        try {
            if (insecure) {
                LOG.warn("TLS certificate and host name verification is DISABLED (insecure): "
                        + "traffic, tokens included, can be intercepted");
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
                return ctx;
            }
            if (caCertOrNull == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caCertOrNull)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new ConfigurationException("OS_CACERT (cacert)", "no certificate found in " + caCertOrNull);
            }
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (IOException e) {
            throw new ConfigurationException("OS_CACERT (cacert)", "cannot read " + caCertOrNull + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("OS_CACERT (cacert)", "cannot use " + caCertOrNull + ": " + e, e);
        }
    }

    /** The host name verifier for {@code HttpsURLConnection}: the default, or none when insecure. */
    public static HostnameVerifier hostnameVerifier(boolean insecure) {
        return insecure ? (host, session) -> true : javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier();
    }

    /**
     * Accepts every certificate. Being an {@link X509ExtendedTrustManager}, it also takes over the host
     * name check the JDK would otherwise do, so the JDK HttpClient skips it too.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
