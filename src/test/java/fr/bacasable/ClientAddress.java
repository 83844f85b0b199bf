package fr.bacasable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP requests sent from a chosen loopback address (127.0.0.2, 127.0.0.3…), so that a test can
 * play several clients: the server sees each as a different remote address. HTTP/1.0, so the
 * answer is never chunked and ends when the connection closes.
 */
public record ClientAddress(String address, int port) {

    private static final int TIMEOUT_MILLIS = 60_000;

    /** An answer: status, headers by lower-case name (the last of each), the cookies set, body as UTF-8. */
    public record Answer(int status, Map<String, String> headers, List<String> cookies, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The cookies set, as a {@code Cookie} header sends them back. */
        public String cookieHeader() {
            return String.join("; ", cookies);
        }
    }

    public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    public Answer postJson(String path, Map<String, String> headers, String json) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send("POST", path, all, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            headers.put(name, value);
            if (name.equals("set-cookie")) {
                cookies.add(value.split(";", 2)[0]);
            }
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, cookies, text.substring(end + 4));
    }
}
