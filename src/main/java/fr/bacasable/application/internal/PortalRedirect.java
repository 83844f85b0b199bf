package fr.bacasable.application.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A 303 redirect after a portal form, written as is. Spring's redirect view passes the address
 * through {@code encodeRedirectURL}, which appends {@code ;jsessionid=…} when the flash attributes
 * have just opened a session: the session that holds a tracking link would then travel in an address.
 */
final class PortalRedirect implements View {

    private final String path;

    /** @param path an absolute path within the application, already encoded */
    PortalRedirect(String path) {
        this.path = path;
    }

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) {
        String location = request.getContextPath() + path;
        RequestContextUtils.saveOutputFlashMap(location, request, response);
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader(HttpHeaders.LOCATION, location);
    }
}
