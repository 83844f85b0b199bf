package fr.bacasable.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/** Where a request lands in the engine's API, whichever of its routes it took. */
final class EnginePaths {

    /** {@code /engine-rest}, also as {@code /engine-rest/engine/{name}}, or the web applications' route. */
    private static final Pattern PREFIX = Pattern.compile(
            "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$");

    private EnginePaths() {
    }

    /**
     * The engine path after its prefix, decoded, without matrix parameters, doubled or trailing
     * slashes, as the REST API matches it; empty for any other path.
     */
    static Optional<String> enginePath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length()).replaceAll(";[^/]*", "");
        path = UriUtils.decode(path, StandardCharsets.UTF_8).replaceAll("/{2,}", "/");
        path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Matcher prefixed = PREFIX.matcher(path);
        return prefixed.matches() ? Optional.of(prefixed.group(1)) : Optional.empty();
    }
}
