package dev.imagesdk.bench;

/**
 * Entry point of {@code image-sdk-bench-<version>-all.jar}: the driver by default; {@code --server} and
 * {@code --child} are the roles of the JVMs the driver starts.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--server")) {
            ServerMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("--child")) {
            Child.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else {
            Options o;
            try {
                o = Options.parse(args);
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(2);
                return;
            }
            System.exit(new Driver(o).run());
        }
    }
}
