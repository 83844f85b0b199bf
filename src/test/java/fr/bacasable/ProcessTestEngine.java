package fr.bacasable;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * The engine of the process unit tests: in memory, no job executor, delegates resolved from
 * {@code Mocks}, objects in variables as JSON like the application, and process test coverage
 * written to {@code target/process-test-coverage}. Each test class builds its engine on the same
 * database, so the schema is created once and reused.
 */
public final class ProcessTestEngine {

    private ProcessTestEngine() {
    }

    public static ProcessEngineCoverageExtension extension() {
        ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("process-unit-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:process-unit-tests;DB_CLOSE_DELAY=-1");
        configuration.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setDefaultSerializationFormat("application/json");
        configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        return ProcessEngineCoverageExtension.Companion.builder(configuration).build();
    }
}
