package fr.bacasable.application.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.catalina.Globals;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portal never acts on a form the web server could only read in part: Tomcat drops the fields
 * past its parameter limit, the fields it cannot decode and the whole form past its size limit,
 * and says so only in a request attribute. Such a request gets a 400 page instead. (A multipart
 * form that cannot be read in full fails in Spring's multipart resolver, see {@link RequestProblems}.)
 */
@Configuration(proxyBeanMethods = false)
class UnreadFormGuard {

    private static final Refusals.Wording UNREAD_FORM = new Refusals.Wording("Formulaire illisible",
            "Le formulaire envoyé n'a pas pu être lu en entier (trop de champs, trop volumineux ou mal encodé) : "
                    + "rien n'a été enregistré.");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> portalFormsReadInFull() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        String contentType = request.getContentType();
                        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
                    }

                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        request.getParameterNames();
                        if (request.getAttribute(Globals.PARAMETER_PARSE_FAILED_ATTR) != null) {
                            Refusals.write(request, response, HttpServletResponse.SC_BAD_REQUEST, UNREAD_FORM);
                            return;
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/campagnes/*", "/suivi/*");
        return registration;
    }
}
