package fr.bacasable.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Closes, inside the engine and so for every route that reaches it (engine REST, the web
 * applications' API, stored filters), what the engine's defaults leave open to logged-in people:
 * expressions in queries, reassigning tasks, and completions that write variables no form shows.
 */
@Component
class EngineHardening extends AbstractProcessEnginePlugin {

    private final ApplicationContext applicationContext;

    EngineHardening(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new ScopedExpressionManager(applicationContext, configuration.getBeans()));
        configuration.setResourceAuthorizationProvider(new StaffTaskAuthorizationProvider());
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new PeopleCommandGuard());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }
}
