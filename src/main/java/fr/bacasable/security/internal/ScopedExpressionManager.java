package fr.bacasable.security.internal;

import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.el.JuelExpression;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ValueExpression;
import org.springframework.context.ApplicationContext;

/**
 * Evaluates expressions only where a model put them: on an execution, a task or a case. The one
 * place the engine evaluates an expression with no scope at all is a query (a task query's
 * {@code …Expression} keys, top-level or nested in {@code orQueries}, ad hoc or stored in a filter),
 * and there an expression is text that a logged-in person typed: it is refused, whatever the route.
 * Literal text holds no code and keeps working.
 */
class ScopedExpressionManager extends SpringExpressionManager {

    static final String REFUSED = "Les expressions ne sont pas admises dans les requêtes.";

    ScopedExpressionManager(ApplicationContext applicationContext, Map<Object, Object> beans) {
        super(applicationContext, beans);
    }

    @Override
    public Expression createExpression(String expression) {
        ensureInitialized();
        return new ScopedExpression(createValueExpression(expression), expression);
    }

    private final class ScopedExpression extends JuelExpression {

        ScopedExpression(ValueExpression valueExpression, String expressionText) {
            super(valueExpression, ScopedExpressionManager.this, expressionText);
        }

        @Override
        public Object getValue(VariableScope variableScope, BaseDelegateExecution contextExecution) {
            if (variableScope == null && !isLiteralText()) {
                throw new BadUserRequestException(REFUSED);
            }
            return super.getValue(variableScope, contextExecution);
        }
    }
}
