package dev.imagesdk.fake.internal.engine;

import dev.imagesdk.fake.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last requests answered (bounded), for tests to inspect. */
public final class Journal {
    private static final int MAX = 10_000;
    private final Deque<RecordedRequest> entries = new ArrayDeque<>();

    public synchronized void add(RecordedRequest r) {
        if (entries.size() == MAX) {
            entries.removeFirst();
        }
        entries.addLast(r);
    }

    public synchronized List<RecordedRequest> all() {
        return new ArrayList<>(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
