package fr.bacasable.application.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * What Tomcat refuses itself gets the same answers as the rest: {@link ProblemErrorReportValve}
 * replaces the error reports Tomcat and Spring Boot install on the host (this customizer runs
 * after Spring Boot's, which adds one). TRACE, which Tomcat refuses with a bare 405 before any
 * valve, is let through to a filter that refuses it the same way, before any servlet sees it.
 */
@Configuration(proxyBeanMethods = false)
class ErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final String TRACE = "TRACE";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemErrorReportValve());
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * A path parameter that Spring MVC cannot decode ({@code /suivi/;%Ek}: Tomcat drops path
     * parameters before it checks the encoding) is refused with a 400, as Tomcat refuses the same
     * in the path itself, instead of failing in the dispatcher.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> undecodablePathRefused() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        try {
                            ServletRequestPathUtils.parseAndCache(request);
                        } catch (IllegalArgumentException undecodable) {
                            Refusals.write(request, response, HttpServletResponse.SC_BAD_REQUEST,
                                    Refusals.wording(HttpServletResponse.SC_BAD_REQUEST));
                            return;
                        } finally {
                            ServletRequestPathUtils.clearParsedRequestPath(request);
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> traceRefused() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        if (TRACE.equals(request.getMethod())) {
                            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
                            Refusals.write(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                                    Refusals.wording(HttpServletResponse.SC_METHOD_NOT_ALLOWED));
                            return;
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
