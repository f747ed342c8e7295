package dev.imagesdk.internal.http;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire log's lines: what they show of a URL and what they never show. */
class WireLoggerTest {

    private final List<String> lines = new ArrayList<>();

    /** A DEBUG-enabled logger that keeps the formatted lines. */
    private Logger recording() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isDebugEnabled")) {
                        return true;
                    }
                    if (method.getName().equals("debug") && args != null && args[0] instanceof String pattern) {
                        Object[] rest = args.length == 2 && args[1] instanceof Object[] a ? a
                                : java.util.Arrays.copyOfRange(args, 1, args.length);
                        lines.add(MessageFormatter.arrayFormat(pattern, rest).getMessage());
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }

    @Test
    void listUrlsKeepSortKeyButNeverATokenOrUserInfo() {
        WireLogger wire = new WireLogger(recording());
        String url = "http://admin:pw-secret@h/v2/images?sort_key=name&sort_dir=desc&auth_token=tok-secret";

        wire.request("GET", url, 0);
        wire.response("GET", url, 200, 1_000_000, "req-1");

        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("sort_key=name").contains("sort_dir=desc")
                .doesNotContain("tok-secret").doesNotContain("pw-secret"));
        assertThat(lines.get(1)).contains("200").contains("req-1");
    }
}
