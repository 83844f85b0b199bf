package fr.bacasable.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated request, as bytes: the request line and headers are ISO-8859-1 text so that any
 * byte can be put in a path or a header. {@code kind} says what is wrong with it.
 */
record BadRequest(String endpoint, String kind, String method, String target, List<String> headers, byte[] body,
        boolean contentLength) {

    static BadRequest get(String endpoint, String kind, String target, List<String> headers) {
        return new BadRequest(endpoint, kind, "GET", target, headers, new byte[0], false);
    }

    static BadRequest post(String endpoint, String kind, String target, List<String> headers, byte[] body) {
        return new BadRequest(endpoint, kind, "POST", target, headers, body, true);
    }

    /** Whether the path (without the query) is the API's, as the application decides it. */
    boolean api() {
        String path = target.split("[?#]", 2)[0];
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/api;");
    }

    BadRequest withMethod(String otherMethod) {
        return new BadRequest(endpoint, kind + ", method " + otherMethod, otherMethod, target, headers, body,
                contentLength);
    }

    BadRequest withKind(String otherKind) {
        return new BadRequest(endpoint, otherKind, method, target, headers, body, contentLength);
    }

    BadRequest withHeaders(String why, List<String> extra) {
        List<String> all = new ArrayList<>(headers);
        all.addAll(extra);
        return new BadRequest(endpoint, kind + ", " + why, method, target, all, body, contentLength);
    }

    byte[] head() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((method + " " + target + " HTTP/1.1").getBytes(StandardCharsets.ISO_8859_1));
        for (String header : headers) {
            head.writeBytes(("\r\n" + header).getBytes(StandardCharsets.ISO_8859_1));
        }
        return head.toByteArray();
    }

    @Override
    public String toString() {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return endpoint + " [" + kind + "] " + method + " " + shorten(target) + " headers=" + headers.stream()
                .map(BadRequest::shorten).toList() + " body(" + body.length + " bytes)=" + text;
    }

    private static String shorten(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
    }
}
