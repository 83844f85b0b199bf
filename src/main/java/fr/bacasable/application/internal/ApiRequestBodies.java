package fr.bacasable.application.internal;

import fr.bacasable.shared.ReadBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of every API request but the document uploads (which have their own limits)
 * before anything else does: more than {@value #MAX_BYTES} bytes, far above the largest
 * application, gets a 413 problem, whether the body announces its length or comes in chunks; JSON
 * that is not valid UTF-8 (RFC 8259) gets a 400 problem, as Jackson would otherwise decode some
 * invalid sequences (overlong forms, encoded surrogates) into characters.
 */
@Component
class ApiRequestBodies extends OncePerRequestFilter {

    static final int MAX_BYTES = 128 * 1024;
    private static final Refusals.Wording TOO_LARGE = new Refusals.Wording("Requête trop volumineuse",
            "Le corps de la requête ne doit pas dépasser " + MAX_BYTES / 1024 + " Kio.");
    private static final Refusals.Wording NOT_UTF8 = new Refusals.Wording("Requête illisible",
            "Le corps de la requête n'est pas un JSON valide pour cette opération : il doit être encodé en UTF-8.");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !Refusals.isApi(request)
                || contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BYTES) {
            Refusals.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            Refusals.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
        } else if (isUtf8Json(request.getContentType()) && !isUtf8(body)) {
            Refusals.write(request, response, HttpServletResponse.SC_BAD_REQUEST, NOT_UTF8);
        } else {
            chain.doFilter(new ReadBodyRequest(request, body), response);
        }
    }

    /** JSON without a charset, or with UTF-8: what RFC 8259 allows. */
    private static boolean isUtf8Json(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    || type.getSubtype().endsWith("+json");
            return json && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
