package dev.imagesdk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Seeded generators of random and adversarial text for the fuzz tests, and the loop that runs a target
 * on each input: every input must give a value or the typed error given to the constructor (the SDK's
 * {@code ImageSdkException}; or an exception type the target documents), never another exception or a hang. The seed is {@code -Dfuzz.seed}, else fixed,
 * and is printed with the count of inputs tried.
 */
public final class Fuzz {
    /** Strings that broke parsers elsewhere: empties, separators, escapes, huge numbers, odd Unicode. */
    private static final String[] NASTY = {"", " ", "\t", "\r\n", "\n", "\u0000", "\u00ff", "\u2028", "\ud800",
            "\udfff", "\ud83d\ude00", "%", "%zz", "%00", "%0d%0a", "+", "&", "=", ";", ",", ":", "/", "~", "~0", "~1",
            "\"", "'", "\\", "\\u0000", "{", "}", "[", "]", "null", "None", "True", "false", "NaN", "-0", "1e309",
            "99999999999999999999", "-1", "0x10", "2026-11-23T19:38:14.000000Z", "2026-13-45T99:99:99Z", "Z",
            "x-image-meta-", "x-image-meta-property-", "<html>", "</title>", "GET / HTTP/1.1", "\u202e", "é", "ß",
            "İ", "\ufeff", "a".repeat(300), "b".repeat(70_000)};

    private final Random random;
    private final Class<? extends Throwable> typedError;

    /**
     * @param seed       the seed of the generators
     * @param typedError the exception type every refused input must throw (subtypes included); this module
     *                   depends on no SDK module, so the caller names it (e.g. {@code ImageSdkException.class})
     */
    public Fuzz(long seed, Class<? extends Throwable> typedError) {
        this.random = new Random(seed);
        this.typedError = typedError;
    }

    /** The seed of this run: {@code -Dfuzz.seed} or the given default. */
    public static long seed(long defaultSeed) {
        return Long.getLong("fuzz.seed", defaultSeed);
    }

    public Random random() {
        return random;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A random string: plain, from the nasty list, mutated from {@code likely}, or random code units. */
    public String string(String... likely) {
        int roll = random.nextInt(10);
        if (roll < 2 && likely.length > 0) {
            return likely[random.nextInt(likely.length)];
        }
        if (roll < 4) {
            return NASTY[random.nextInt(NASTY.length)];
        }
        if (roll < 6 && likely.length > 0) {
            return mutate(likely[random.nextInt(likely.length)]);
        }
        if (roll < 8) {
            return ascii(random.nextInt(20));
        }
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append((char) random.nextInt(0x10000));
        }
        return b.toString();
    }

    /** Printable ASCII of length n. */
    public String ascii(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (32 + random.nextInt(95)));
        }
        return b.toString();
    }

    /** Inserts, deletes, duplicates or replaces a few characters. */
    public String mutate(String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0: {
                    String n = NASTY[random.nextInt(NASTY.length)];
                    b.insert(at, n.substring(0, Math.min(3, n.length())));
                    break;
                }
                case 1: if (b.length() > 0) b.deleteCharAt(at); break;
                case 2: b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + random.nextInt(5)))); break;
                default: if (b.length() > 0) b.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return b.toString();
    }

    /** Random bytes: valid UTF-8 of a random string, or raw random bytes. */
    public byte[] bytes(String... likely) {
        if (random.nextBoolean()) {
            return string(likely).getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        return b;
    }

    /**
     * A random JSON tree up to {@code depth}, biased to use {@code keys} as field names so that it often
     * looks like the document the parser expects.
     */
    public JsonNode json(int depth, String... keys) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int roll = random.nextInt(depth <= 0 ? 6 : 9);
        switch (roll) {
            case 0: return f.nullNode();
            case 1: return f.booleanNode(random.nextBoolean());
            case 2: return f.numberNode(random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e6);
            case 3: case 4: case 5: return f.textNode(string(keys));
            case 6: {
                ArrayNode a = f.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) a.add(json(depth - 1, keys));
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    String k = keys.length > 0 && random.nextInt(4) != 0 ? keys[random.nextInt(keys.length)] : string();
                    o.set(k, json(depth - 1, keys));
                }
                return o;
            }
        }
    }

    /** One input's check; returns normally for a value or an accepted typed error. */
    @FunctionalInterface
    public interface Target<T> {
        void accept(T input) throws Exception;
    }

    /**
     * Runs {@code target} on {@code count} inputs from {@code generator}, each bounded by a timeout;
     * prints {@code FUZZ name seed=S inputs=N typed_errors=E} and returns the findings (inputs that threw
     * something else or hung), to be asserted empty.
     */
    public <T> List<String> run(String name, long seed, int count, java.util.function.Supplier<T> generator,
                                Target<T> target) throws InterruptedException {
        List<String> findings = new ArrayList<>();
        int typed = 0;
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < count; i++) {
                T input = generator.get();
                Future<?> f = exec.submit(() -> {
                    target.accept(input);
                    return null;
                });
                try {
                    f.get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    findings.add("hang on " + show(input));
                    exec.shutdownNow();
                    exec = Executors.newSingleThreadExecutor();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (typedError.isInstance(c)) {
                        typed++;
                    } else {
                        findings.add(c + " on " + show(input) + (c.getStackTrace().length > 0
                                ? " at " + c.getStackTrace()[0] : ""));
                    }
                }
            }
        } finally {
            exec.shutdownNow();
        }
        System.out.println("FUZZ " + name + " seed=" + seed + " inputs=" + count + " typed_errors=" + typed
                + " findings=" + findings.size());
        return findings.size() > 20 ? findings.subList(0, 20) : findings;
    }

    private static String show(Object input) {
        String s = String.valueOf(input);
        s = s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 32 || c > 126 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
