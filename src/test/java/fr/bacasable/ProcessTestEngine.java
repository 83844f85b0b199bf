package fr.bacasable;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * The engine of the process unit tests: in memory, no job executor, delegates resolved from
 * {@code Mocks}, and process test coverage written to {@code target/process-test-coverage}.
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
        return ProcessEngineCoverageExtension.Companion.builder(configuration).build();
    }
}
