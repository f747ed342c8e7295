package dev.imagesdk.testsupport;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;

/** An SLF4J logger with DEBUG on that keeps every formatted debug line, for asserting what a log says. */
public final class RecordingLogger {

    private RecordingLogger() {
    }

    /** A logger whose formatted debug lines are appended to {@code lines}. */
    public static Logger into(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isDebugEnabled")) {
                        return true;
                    }
                    if (method.getName().equals("debug") && args != null && args[0] instanceof String pattern) {
                        Object[] rest = args.length == 2 && args[1] instanceof Object[] a ? a
                                : Arrays.copyOfRange(args, 1, args.length);
                        lines.add(MessageFormatter.arrayFormat(pattern, rest).getMessage());
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }
}
