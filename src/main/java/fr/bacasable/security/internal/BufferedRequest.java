package fr.bacasable.security.internal;

import fr.bacasable.shared.ReadBodyRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** The request with its body read once, at most {@value #MAX_BODY} bytes, and readable again downstream. */
final class BufferedRequest extends ReadBodyRequest {

    static final int MAX_BODY = 1024 * 1024;

    BufferedRequest(HttpServletRequest request) throws IOException {
        super(request, request.getInputStream().readNBytes(MAX_BODY + 1));
    }

    /** Whether the body was longer than {@value #MAX_BODY} bytes (then only its start was kept). */
    boolean isTruncated() {
        return body().length > MAX_BODY;
    }
}
