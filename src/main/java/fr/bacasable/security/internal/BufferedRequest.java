package fr.bacasable.security.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** The request with its body read once, at most {@value #MAX_BODY} bytes, and readable again downstream. */
final class BufferedRequest extends HttpServletRequestWrapper {

    static final int MAX_BODY = 1024 * 1024;

    private final byte[] body;

    BufferedRequest(HttpServletRequest request) throws IOException {
        super(request);
        this.body = request.getInputStream().readNBytes(MAX_BODY + 1);
    }

    byte[] body() {
        return body;
    }

    /** Whether the body was longer than {@value #MAX_BODY} bytes (then only its start was kept). */
    boolean isTruncated() {
        return body.length > MAX_BODY;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
}
