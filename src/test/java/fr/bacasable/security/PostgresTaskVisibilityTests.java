package fr.bacasable.security;

import fr.bacasable.PostgresSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TaskVisibilityTests} on PostgreSQL with the 'postgres' profile. */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class PostgresTaskVisibilityTests extends TaskVisibilityTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }
}
