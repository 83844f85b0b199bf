package fr.bacasable.application.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** What the portal's pages share: the French "not found" page and the headers of pages that carry a tracking link. */
final class PortalPages {

    static final String NOT_FOUND_VIEW = "portal/not-found";

    private PortalPages() {
    }

    /** The same page for every unknown address of the portal, so it never tells which part was wrong. */
    static ModelAndView notFound(String title, String message) {
        ModelAndView page = new ModelAndView(NOT_FOUND_VIEW, HttpStatus.NOT_FOUND);
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }

    /**
     * A page whose address or content holds the private tracking link: never sent on as a
     * Referer, never kept in a cache (a shared computer, a proxy).
     */
    static void keepPrivate(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
