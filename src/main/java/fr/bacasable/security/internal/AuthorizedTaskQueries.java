package fr.bacasable.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Every task query and count of the engine (Tasklist's filters, the engine REST API, our own code),
 * and every runtime variable query (the variables on Tasklist's cards), runs with the authorization
 * check of {@code AuthorizedTasks.xml}: the same rows as the engine's own check, tasks found on sets
 * of task ids, variables checked one by one. The engine instead joins the authorization table into
 * the result (one row per row and grant, then DISTINCT), which takes seconds at 10,000 tasks, or,
 * once a REVOKE exists, evaluates a nest of subqueries on every row.
 */
@Component
class AuthorizedTaskQueries extends AbstractProcessEnginePlugin {

    private static final String MAPPING = "fr/bacasable/security/internal/AuthorizedTasks.xml";
    private static final String NAMESPACE = "fr.bacasable.security.internal.AuthorizedTasks.";
    private static final Map<String, String> REPLACED_STATEMENTS = Map.of(
            "selectTaskByQueryCriteria", NAMESPACE + "selectAuthorizedTasks",
            "selectTaskCountByQueryCriteria", NAMESPACE + "countAuthorizedTasks",
            "selectVariableInstanceByQueryCriteria", NAMESPACE + "selectAuthorizedVariables",
            "selectVariableInstanceCountByQueryCriteria", NAMESPACE + "countAuthorizedVariables");

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (!mybatis.isResourceLoaded(MAPPING)) {
            try (InputStream mapping = AuthorizedTaskQueries.class.getClassLoader().getResourceAsStream(MAPPING)) {
                new XMLMapperBuilder(mapping, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
        Map<String, String> statements = sessions.getStatementMappings() == null ? new HashMap<>()
                : new HashMap<>(sessions.getStatementMappings());
        statements.putAll(REPLACED_STATEMENTS);
        sessions.setStatementMappings(statements);
    }
}
