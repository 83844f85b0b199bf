package fr.bacasable.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine refuses unpaged list queries from logged-in users ({@code query-max-results-limit}),
 * yet Cockpit sends a few (the versions of a process definition). For the web applications' own
 * API only, a GET without {@code maxResults} gets the first page of the limit's size; clients of
 * {@code /engine-rest} must still page themselves.
 */
@Configuration(proxyBeanMethods = false)
class WebappQueryPaging {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappQueryPagingFilter(
            @Value("${camunda.bpm.generic-properties.properties.query-max-results-limit}") int limit) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        boolean unpaged = "GET".equals(request.getMethod()) && request.getParameter("maxResults") == null;
                        chain.doFilter(unpaged ? firstPage(request, limit) : request, response);
                    }
                });
        registration.addUrlPatterns("/camunda/api/engine/*");
        return registration;
    }

    private static HttpServletRequest firstPage(HttpServletRequest request, int limit) {
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.putIfAbsent("firstResult", new String[] {"0"});
        parameters.put("maxResults", new String[] {String.valueOf(limit)});
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String[] values = parameters.get(name);
                return values == null ? null : values[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return Collections.unmodifiableMap(parameters);
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(parameters.keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                return parameters.get(name);
            }

            @Override
            public String getQueryString() {
                StringBuilder query = new StringBuilder(request.getQueryString() == null ? "" : request.getQueryString());
                if (request.getParameter("firstResult") == null) {
                    query.append(query.isEmpty() ? "" : "&").append("firstResult=0");
                }
                return query.append(query.isEmpty() ? "" : "&").append("maxResults=").append(limit).toString();
            }
        };
    }
}
