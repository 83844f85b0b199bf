package fr.bacasable.application.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Pages are HTML whatever their address ends with: Thymeleaf would otherwise take the content
 * type from the address's extension, and send a French page as {@code application/json} for an
 * address such as {@code /suivi/.json}.
 */
@Configuration(proxyBeanMethods = false)
class HtmlViews {

    @Bean
    static BeanPostProcessor htmlWhateverTheExtension() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setForceContentType(true);
                }
                return bean;
            }
        };
    }
}
