package fr.bacasable.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.bacasable.BacASableApp;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** The 'prod' profile refuses to start when it is not safe, before any bean touches a database. */
class ProductionSafetyCheckTest {

    @Test
    void refusesTheEmbeddedDatabase() {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--bas.security.admin-password=S3cret-admin!"))
                .hasMessageContaining("embedded H2");
    }

    @Test
    void refusesToStartWithoutAnAdministratorPassword() {
        assertThatThrownBy(() -> start("--spring.profiles.active=postgres,prod", "--bas.security.admin-password="))
                .hasMessageContaining("BAS_ADMIN_PASSWORD");
    }

    @Test
    void refusesDemoAccounts() {
        assertThatThrownBy(() -> start("--spring.profiles.active=postgres,prod",
                "--bas.security.admin-password=S3cret-admin!", "--bas.security.demo-enabled=true"))
                .hasMessageContaining("demo accounts");
    }

    @Test
    void refusesLinksToApplicantsWithoutHttpsAndAMissingSmtpServer() {
        assertThatThrownBy(() -> start("--spring.profiles.active=postgres,prod",
                "--bas.security.admin-password=S3cret-admin!", "--bas.public-url=http://bacasable.example"))
                .hasMessageContaining("BAS_PUBLIC_URL").hasMessageContaining("SPRING_MAIL_HOST");
    }

    @Test
    void refusesAPublicAddressWithoutAHost() {
        assertThatThrownBy(() -> start("--spring.profiles.active=postgres,prod",
                "--bas.security.admin-password=S3cret-admin!", "--bas.public-url=https://",
                "--spring.mail.host=localhost"))
                .hasMessageContaining("https address with a host");
    }

    @Test
    void refusesAWeakAdministratorPasswordBeforeAnythingStarts() {
        assertThatThrownBy(() -> start("--spring.profiles.active=postgres,prod", "--bas.security.admin-password=admin",
                "--bas.public-url=https://bacasable.example.org", "--spring.mail.host=localhost"))
                .hasMessageContaining("BAS_ADMIN_PASSWORD does not meet the password policy")
                .hasMessageNotContaining("https address");
    }

    @Test
    void apiDescriptionIsOffAndHstsOnInProduction() throws Exception {
        Properties production = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-prod.properties"));
        assertThat(production).containsEntry("springdoc.api-docs.enabled", "false")
                .containsEntry("springdoc.swagger-ui.enabled", "false");
        assertThat(production.getProperty("bas.security.hsts")).startsWith("max-age=");
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--bas.security.admin-password=",
                "--bas.security.demo-enabled=true"))
                .hasMessageContaining("demo accounts").hasMessageContaining("BAS_ADMIN_PASSWORD")
                .hasMessageContaining("embedded H2");
    }

    private static void start(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BacASableApp.class)
                .web(WebApplicationType.NONE).run(args)) {
            throw new AssertionError("started: " + context.getId());
        }
    }
}
