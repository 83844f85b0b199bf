package fr.bacasable.application;

import fr.bacasable.PostgresSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link ApplicationApiTests} on PostgreSQL with the 'postgres' profile, among them
 * the HTTP submission up to the completeness task; skipped without the database {@link PostgresSuite}
 * names ({@code BAS_TEST_POSTGRES_URL}).
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class PostgresApplicationApiTests extends ApplicationApiTests {

    /** As {@code PostgresSuite.register}, which is package-private to {@code fr.bacasable}. */
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }
}
