package fr.bacasable.application.internal;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An {@code Accept} header that cannot be parsed is ignored, as if absent, instead of making Spring
 * MVC fail while writing the answer (even a refusal would then go out without a body).
 */
@Configuration(proxyBeanMethods = false)
class TolerantAccept implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();
        configurer.strategies(List.of(request -> {
            try {
                return header.resolveMediaTypes(request);
            } catch (HttpMediaTypeNotAcceptableException unreadable) {
                return ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST;
            }
        }));
    }
}
