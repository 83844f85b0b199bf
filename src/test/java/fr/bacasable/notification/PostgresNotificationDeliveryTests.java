package fr.bacasable.notification;

import fr.bacasable.PostgresSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link NotificationDeliveryTests} on PostgreSQL (row locks, identity column, new
 * transactions), with the database {@link PostgresSuite} names; skipped without it.
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class PostgresNotificationDeliveryTests extends NotificationDeliveryTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }
}
