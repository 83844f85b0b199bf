package fr.bacasable.selection;

import fr.bacasable.PostgresSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link SelectionCampaignIntegrationTests} on PostgreSQL with the 'postgres' profile
 * (row locks of the selection lines, the engine's queries); skipped without the database
 * {@link PostgresSuite} names ({@code BAS_TEST_POSTGRES_URL}).
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class PostgresSelectionCampaignIntegrationTests extends SelectionCampaignIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }
}
