package dev.imagesdk.testsupport;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A proxy selector that records every URI it is asked about and answers with one fixed proxy (or none). */
public final class RecordingProxySelector extends ProxySelector {
    private final Proxy proxy;
    private final List<URI> asked = new CopyOnWriteArrayList<>();

    /** Answers {@link Proxy#NO_PROXY}. */
    public RecordingProxySelector() {
        this(Proxy.NO_PROXY);
    }

    public RecordingProxySelector(Proxy proxy) {
        this.proxy = proxy;
    }

    /** The URIs asked about so far, in order. */
    public List<URI> asked() {
        return asked;
    }

    @Override
    public List<Proxy> select(URI uri) {
        asked.add(uri);
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // recorded by the caller's failure
    }
}
