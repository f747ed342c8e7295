package dev.imagesdk.examples;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an example runs: a real cloud when {@code OS_CLOUD} or {@code OS_AUTH_URL} is set (credentials from
 * {@code clouds.yaml} and the {@code OS_*} variables), otherwise an embedded fake Glance started in this
 * process. It also parses the flags every example shares: {@code --api v1|v2} pins the API version,
 * {@code --keep} keeps what the example created, {@code --NAME VALUE} passes an example-specific option.
 *
 * <p>The first line printed says which of the two it is. On the fake, the users {@code admin}, {@code demo}
 * and {@code alt_demo} exist; on a real cloud {@link #connect(String)} ignores the user name and uses the
 * environment's credentials. {@link #close()} stops the fake (its data is gone) and the services opened here.
 *
 * <p>Failures: {@link InvalidInputException} for an unknown flag or a bad {@code --api};
 * {@link dev.imagesdk.exception.ConfigurationException} for incomplete {@code OS_*} settings; anything the
 * SDK throws when connecting.
 */
public final class ExampleEnvironment implements AutoCloseable {

    /**
     * Test hook: when set, examples print to {@code out}, rethrow failures, and run on {@code fake} (never
     * closed here) or, if it is null, on the cloud that {@code env} describes.
     */
    record Overrides(FakeGlance fake, PrintStream out, Map<String, String> env) {
    }

    private static volatile Overrides overrides;

    private final Map<String, String> options;
    private final ApiVersion api;
    private final boolean keep;
    private final FakeGlance fake;
    private final boolean ownsFake;
    private final Map<String, String> env;
    private final Console console;
    private final List<ImageService> opened = new ArrayList<>();
    private Path tempDir;

    private ExampleEnvironment(Map<String, String> options, ApiVersion api, boolean keep, FakeGlance fake,
                               boolean ownsFake, Map<String, String> env, Console console) {
        this.options = options;
        this.api = api;
        this.keep = keep;
        this.fake = fake;
        this.ownsFake = ownsFake;
        this.env = env;
        this.console = console;
    }

    /**
     * Parses the flags, decides between the fake and a real cloud, starts the fake if needed and prints the
     * first line.
     *
     * @param args the program's arguments
     * @param allowedOptions the {@code --NAME VALUE} options this example accepts (besides {@code --api},
     *                       {@code --keep})
     */
    public static ExampleEnvironment start(String[] args, String... allowedOptions) {
        return start(args, List.of(), allowedOptions);
    }

    /**
     * As {@link #start(String[], String...)}, with an embedded fake (if one is started) that serves these regions
     * of one cloud behind one Keystone (none: one region).
     */
    public static ExampleEnvironment start(String[] args, List<String> fakeRegions, String... allowedOptions) {
        Map<String, String> options = new HashMap<>();
        ApiVersion api = null;
        boolean keep = false;
        List<String> allowed = List.of(allowedOptions);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--keep")) {
                keep = true;
            } else if (a.equals("--api") || (a.startsWith("--") && allowed.contains(a.substring(2)))) {
                if (i + 1 >= args.length) {
                    throw new InvalidInputException(a, null, "needs a value");
                }
                String value = args[++i];
                if (a.equals("--api")) {
                    api = parseApi(value);
                } else {
                    options.put(a.substring(2), value);
                }
            } else {
                throw new InvalidInputException("argument", a, "unknown; known: --api v1|v2, --keep"
                        + (allowed.isEmpty() ? "" : ", --" + String.join(" VALUE, --", allowed) + " VALUE"));
            }
        }
        Overrides o = overrides;
        Console console = new Console(o != null ? o.out() : System.out, o == null && System.console() != null);
        Map<String, String> env = o != null && o.env() != null ? o.env() : System.getenv();
        if (o != null && o.fake() != null) {
            console.line("Running against an embedded fake Glance at " + o.fake().url()
                    + " (no OS_CLOUD or OS_AUTH_URL set)");
            return new ExampleEnvironment(options, api, keep, o.fake(), false, env, console);
        }
        String cloud = env.get("OS_CLOUD");
        String authUrl = env.get("OS_AUTH_URL");
        if (nonBlank(cloud) || nonBlank(authUrl)) {
            console.line(nonBlank(cloud) ? "Running against the cloud OS_CLOUD=" + cloud + " (clouds.yaml)"
                    : "Running against the cloud at OS_AUTH_URL=" + authUrl);
            return new ExampleEnvironment(options, api, keep, null, false, env, console);
        }
        // Discovery on this fake offers v1 too, so that --api v1 and discovery both work.
        FakeGlance.Builder fb = FakeGlance.builder().advertiseV1(true);
        if (!fakeRegions.isEmpty()) {
            fb.regions(fakeRegions.toArray(String[]::new));
        }
        FakeGlance started = fb.start();
        console.line("Running against an embedded fake Glance at " + started.url()
                + " (no OS_CLOUD or OS_AUTH_URL set)");
        return new ExampleEnvironment(options, api, keep, started, true, env, console);
    }

    private static ApiVersion parseApi(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "v1":
            case "1":
                return ApiVersion.V1;
            case "v2":
            case "2":
                return ApiVersion.V2;
            default:
                throw new InvalidInputException("--api", value, "must be v1 or v2");
        }
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Runs an example body, printing a typed SDK failure as one line; returns the process exit code. */
    static int run(String[] args, String[] allowedOptions, Body body) {
        return run(args, allowedOptions, List.of(), body);
    }

    /** {@link #run(String[], String[], Body)} on a fake (if one is started) serving {@code fakeRegions}. */
    static int run(String[] args, String[] allowedOptions, List<String> fakeRegions, Body body) {
        try (ExampleEnvironment env = start(args, fakeRegions, allowedOptions)) {
            body.run(env);
            return 0;
        } catch (ImageSdkException e) {
            if (overrides != null) {
                throw e;
            }
            System.err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    /** Exits with {@code code} unless it is 0 (a plain return lets {@code exec:java} finish normally). */
    static void exit(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }

    /** An example's workflow. */
    @FunctionalInterface
    interface Body {
        void run(ExampleEnvironment env);
    }

    /** Connects as the default user ({@code demo} on the fake). */
    public ImageService connect() {
        return connect("demo");
    }

    /**
     * Connects as {@code fakeUser} on the fake, or with the environment's credentials on a real cloud; the
     * API version is {@code --api} if given, else discovered. Closed by {@link #close()}.
     */
    public ImageService connect(String fakeUser) {
        ClientConfig config;
        if (fake != null) {
            config = ClientConfig.builder()
                    .authUrl(fake.keystoneUrl())
                    .auth(AuthMethod.V3Password.of(fakeUser, fake.passwordOf(fakeUser), "Default",
                            fake.projectOf(fakeUser)))
                    .build();
        } else {
            config = ClientConfig.fromEnvironment(env, ClientConfig.defaultSearchDirs(env));
        }
        return open(config);
    }

    /**
     * A second identity, for examples that need another project: on the fake the user {@code alt_demo}; on a
     * real cloud the {@code clouds.yaml} cloud named by {@code --member-cloud}.
     *
     * @throws InvalidInputException on a real cloud without {@code --member-cloud}
     */
    public ImageService connectMember() {
        if (fake != null) {
            return connect("alt_demo");
        }
        String cloud = option("member-cloud").orElseThrow(() -> new InvalidInputException("--member-cloud", null,
                "a real cloud needs a clouds.yaml cloud for the second project"));
        Map<String, String> memberEnv = new HashMap<>(env);
        memberEnv.put("OS_CLOUD", cloud);
        memberEnv.keySet().removeIf(k -> k.startsWith("OS_") && !k.equals("OS_CLOUD")
                && !k.equals("OS_CLIENT_CONFIG_FILE"));
        return open(ClientConfig.fromEnvironment(memberEnv, ClientConfig.defaultSearchDirs(memberEnv)));
    }

    /** The project id of {@code fakeUser} on the fake, else the value of {@code --NAME} for a real cloud. */
    public String projectOf(String fakeUser, String realCloudOption) {
        if (fake != null) {
            return fake.projectId(fake.projectOf(fakeUser));
        }
        return option(realCloudOption).orElseThrow(() -> new InvalidInputException("--" + realCloudOption, null,
                "a real cloud needs this option"));
    }

    /**
     * One service per region, sharing one token: on the fake, every region it serves, as {@code fakeUser}; on a
     * real cloud, the regions of {@code --regions A,B} with the environment's credentials. Closed by
     * {@link #close()}.
     *
     * @throws InvalidInputException on a real cloud without {@code --regions}
     */
    public ImageServices connectRegions(String fakeUser) {
        ClientConfig config;
        List<String> regions;
        if (fake != null) {
            config = ClientConfig.builder()
                    .authUrl(fake.keystoneUrl())
                    .auth(AuthMethod.V3Password.of(fakeUser, fake.passwordOf(fakeUser), "Default",
                            fake.projectOf(fakeUser)))
                    .build();
            regions = fake.regions();
        } else {
            config = ClientConfig.fromEnvironment(env, ClientConfig.defaultSearchDirs(env));
            regions = List.of(option("regions").orElseThrow(() -> new InvalidInputException("--regions", null,
                    "a real cloud needs the regions to publish to, e.g. --regions region-a,region-b"))
                    .split(","));
        }
        ImageServices services = ImageService.builder().config(config).apiVersion(api).buildForRegions(regions);
        opened.addAll(services.asMap().values());
        return services;
    }

    private ImageService open(ClientConfig config) {
        ImageService service = ImageService.builder().config(config).apiVersion(api).build();
        opened.add(service);
        return service;
    }

    /** The example-specific option {@code --name VALUE}, if given. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The API version pinned with {@code --api}, if any. */
    public Optional<ApiVersion> api() {
        return Optional.ofNullable(api);
    }

    /** {@code --keep}: leave what the example created in place. */
    public boolean keep() {
        return keep;
    }

    /** The embedded fake, if the example runs on one (for simulating failures in a demonstration). */
    public Optional<FakeGlance> fake() {
        return Optional.ofNullable(fake);
    }

    /** Where the example prints. */
    public Console console() {
        return console;
    }

    /** A fresh temporary directory for generated files, deleted by {@link #close()} (also with {@code --keep}). */
    public Path tempDir() {
        if (tempDir == null) {
            try {
                tempDir = Files.createTempDirectory("image-sdk-example-");
            } catch (IOException e) {
                throw new ImageSdkClientException("Could not create a temporary directory: "
                        + e.getMessage(), e);
            }
        }
        return tempDir;
    }

    /** Closes the services opened here, stops the fake if this environment started it, deletes temp files. */
    @Override
    public void close() {
        opened.forEach(ImageService::close);
        if (ownsFake) {
            fake.close();
        }
        if (tempDir != null) {
            SampleImage.deleteTree(tempDir);
        }
    }

    /** Test hook: run the next examples on {@code fake}, printing to {@code out}; null restores defaults. */
    static void override(FakeGlance fake, PrintStream out) {
        overrides = fake == null ? null : new Overrides(fake, out, null);
    }

    /** Test hook: run the next examples on the cloud {@code env} describes, printing to {@code out}. */
    static void overrideEnvironment(Map<String, String> env, PrintStream out) {
        overrides = new Overrides(null, out, Map.copyOf(env));
    }

    /** Test hook: back to the process environment and {@code System.out}. */
    static void clearOverrides() {
        overrides = null;
    }
}
