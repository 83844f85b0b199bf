package fr.bacasable.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A bare HTTP/1.1 client on a socket: it sends the bytes it is given, odd request lines and
 * invalid header bytes included, which no ordinary client lets through. One request per
 * connection; an answer that does not come within the timeout is a hang.
 */
final class RawHttp {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;
    private static final byte[] CRLF = {'\r', '\n'};

    /** The server did not answer in time: a hang. */
    static final class NoAnswer extends RuntimeException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Header(String name, String value) {
    }

    record Response(int status, List<Header> headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
        }

        String contentType() {
            return header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line; {@code Host} and
     * {@code Connection: close} are added) and {@code body}, with a {@code Content-Length} unless
     * {@code head} already frames the body itself.
     */
    Response send(byte[] head, byte[] body, boolean addContentLength) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            write(socket, head, body, addContentLength);
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new NoAnswer("No answer within " + READ_TIMEOUT_MILLIS + " ms to " + firstLine(head), e);
        } catch (IOException e) {
            throw new NoAnswer("Connection failed for " + firstLine(head) + ": " + e, e);
        }
    }

    private static void write(Socket socket, byte[] head, byte[] body, boolean addContentLength) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(head.length + body.length + 128);
        request.write(head);
        request.write(CRLF);
        request.write("Host: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
        if (addContentLength) {
            request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.write(CRLF);
        request.write(body);
        OutputStream out = socket.getOutputStream();
        try {
            out.write(request.toByteArray());
            out.flush();
        } catch (IOException refusedBeforeTheEnd) {
            // The server may answer and close before reading a body it refuses: its answer is still there to read.
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = withoutInterimResponses(readAll(in));
        int endOfHead = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (endOfHead < 0) {
            throw new IOException("Incomplete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, endOfHead, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new Header(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
        }
        byte[] body = java.util.Arrays.copyOfRange(all, endOfHead + 4, all.length);
        boolean chunked = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Transfer-Encoding")
                && h.value().toLowerCase(Locale.ROOT).contains("chunked"));
        return new Response(status, headers, chunked ? dechunk(body) : body);
    }

    /** Drops the "100 Continue" a request with {@code Expect: 100-continue} gets before its answer. */
    private static byte[] withoutInterimResponses(byte[] all) {
        byte[] rest = all;
        while (rest.length > 12 && rest[9] == '1' && new String(rest, 0, 5, StandardCharsets.US_ASCII).equals("HTTP/")) {
            int end = indexOf(rest, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (end < 0) {
                return rest;
            }
            rest = java.util.Arrays.copyOfRange(rest, end + 4, rest.length);
        }
        return rest;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException resetAfterTheAnswer) {
            if (out.size() == 0) {
                throw resetAfterTheAnswer;
            }
        }
        return out.toByteArray();
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int endOfSize = indexOf(chunked, CRLF, position);
            if (endOfSize < 0) {
                throw new IOException("Truncated chunked body");
            }
            String size = new String(chunked, position, endOfSize - position, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(chunked, endOfSize + 2, length);
            position = endOfSize + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\r');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
