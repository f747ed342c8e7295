package dev.imagesdk.fake.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders an error the way webob does for Glance: JSON, plain text or HTML, chosen by the
 * {@code Accept} header (no Accept at all: plain text; {@code *}{@code /*}: HTML).
 */
final class ErrorBodies {
    private static final Pattern BR = Pattern.compile("<br.*?>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<.*?>", Pattern.DOTALL);

    record Rendered(String contentType, byte[] body) {
    }

    private ErrorBodies() {
    }

    static String reason(int status) {
        switch (status) {
            case 300: return "Multiple Choices";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 413: return "Request Entity Too Large";
            case 415: return "Unsupported Media Type";
            case 416: return "Requested Range Not Satisfiable";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return "Error";
        }
    }

    static Rendered render(String accept, int status, String body) {
        String statusLine = status + " " + reason(status);
        String kind = choose(accept);
        if (kind.equals("application/json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message", body);
            m.put("code", statusLine);
            m.put("title", reason(status));
            return new Rendered("application/json", PyJson.bytes(m));
        }
        if (kind.equals("text/html")) {
            String html = "<html>\n <head>\n  <title>" + statusLine + "</title>\n </head>\n <body>\n  <h1>"
                    + statusLine + "</h1>\n  " + body + "\n </body>\n</html>";
            return new Rendered("text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
        }
        String plain = statusLine + "\n\n" + stripTags(body);
        return new Rendered("text/plain; charset=UTF-8", plain.getBytes(StandardCharsets.UTF_8));
    }

    /** webob's strip_tags: newlines become spaces, then {@code <br>} becomes a newline. */
    static String stripTags(String s) {
        String v = s.replace("\n", " ").replace("\r", "");
        v = BR.matcher(v).replaceAll("\n");
        v = COMMENT.matcher(v).replaceAll("");
        return TAG.matcher(v).replaceAll("");
    }

    /** webob's acceptable_offers over (text/html, application/json); plain text if neither. */
    static String choose(String accept) {
        if (accept == null || accept.isBlank()) {
            return "text/plain";
        }
        double html = quality(accept, "text", "html");
        double json = quality(accept, "application", "json");
        if (html <= 0 && json <= 0) {
            return "text/plain";
        }
        return json > html ? "application/json" : "text/html";
    }

    private static double quality(String accept, String type, String sub) {
        double best = 0;
        int bestSpecificity = -1;
        for (String part : accept.split(",")) {
            String[] p = part.trim().split(";");
            String range = p[0].trim().toLowerCase();
            double q = 1.0;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            int specificity;
            if (range.equals(type + "/" + sub)) {
                specificity = 2;
            } else if (range.equals(type + "/*")) {
                specificity = 1;
            } else if (range.equals("*/*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                best = q;
            }
        }
        return best;
    }
}
