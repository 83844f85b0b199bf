package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Each process model belongs to one module, the one whose variables class declares its key
 * ({@code PROCESS_KEY}), and every bean its steps and listeners name belongs to that module too: a step of
 * another module is a call activity to that module's process, never its bean. Read from the models and the
 * code, without starting the application.
 */
class ModelOwnershipTests {

    private static final Path PROCESSES = Path.of("processes");
    private static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    private static final ApplicationModules MODULES = ApplicationModules.of(BacASableApp.class);

    @Test
    void everyModelBelongsToOneModuleAndNamesOnlyBeansOfThatModule() throws IOException {
        Map<String, Class<?>> owners = ApplicationCode.constantsNamed("PROCESS_KEY");
        Map<String, Class<?>> beans = beanDeclarations();
        List<String> problems = new ArrayList<>();
        for (Path file : models()) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            for (Process process : model.getModelElementsByType(Process.class)) {
                Class<?> owner = owners.get(process.getId());
                if (owner == null) {
                    problems.add(file + ": no module declares PROCESS_KEY = \"" + process.getId() + "\"");
                    continue;
                }
                String module = moduleOf(owner);
                for (BeanUse use : beanUses(model)) {
                    Class<?> declaration = beans.get(use.bean());
                    if (declaration == null) {
                        problems.add(file + ": " + use.element() + " names the bean \"" + use.bean()
                                + "\", which does not exist");
                    } else if (!module.equals(moduleOf(declaration))) {
                        problems.add(file + " (module " + module + "): " + use.element() + " names the bean \""
                                + use.bean() + "\" of module " + moduleOf(declaration));
                    }
                }
            }
        }
        assertThat(problems).as("models and the beans they name").isEmpty();
    }

    @Test
    void everyCalledProcessExists() throws IOException {
        Map<String, Class<?>> owners = ApplicationCode.constantsNamed("PROCESS_KEY");
        for (Path file : models()) {
            for (CallActivity call : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(CallActivity.class)) {
                assertThat(owners).as("%s: %s calls a process that no module declares", file, call.getId())
                        .containsKey(call.getCalledElement());
            }
        }
    }

    private record BeanUse(String element, String bean) {
    }

    /** Every {@code ${bean}} named as a step's or listener's delegate or expression. */
    private static List<BeanUse> beanUses(BpmnModelInstance model) {
        List<BeanUse> uses = new ArrayList<>();
        for (FlowNode element : model.getModelElementsByType(FlowNode.class)) {
            String id = element.getAttributeValue("id");
            beanOf(element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression"))
                    .ifPresent(bean -> uses.add(new BeanUse(id, bean)));
            beanOf(element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "expression"))
                    .ifPresent(bean -> uses.add(new BeanUse(id, bean)));
        }
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            String on = listener.getParentElement().getParentElement().getAttributeValue("id");
            beanOf(listener.getCamundaDelegateExpression()).ifPresent(bean -> uses.add(new BeanUse(on, bean)));
            beanOf(listener.getCamundaExpression()).ifPresent(bean -> uses.add(new BeanUse(on, bean)));
        }
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            String on = listener.getParentElement().getParentElement().getAttributeValue("id");
            beanOf(listener.getCamundaDelegateExpression()).ifPresent(bean -> uses.add(new BeanUse(on, bean)));
            beanOf(listener.getCamundaExpression()).ifPresent(bean -> uses.add(new BeanUse(on, bean)));
        }
        return uses;
    }

    private static Optional<String> beanOf(String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        Matcher matcher = BEAN_EXPRESSION.matcher(expression.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.of(expression);
    }

    /** Bean name → the class declaring it: a {@code @Bean} method, or a component named after its class. */
    private static Map<String, Class<?>> beanDeclarations() {
        Map<String, Class<?>> beans = new HashMap<>();
        for (Class<?> type : ApplicationCode.classes()) {
            for (Method method : type.getDeclaredMethods()) {
                Bean bean = method.getAnnotation(Bean.class);
                if (bean != null) {
                    List<String> names = bean.name().length > 0 ? List.of(bean.name()) : List.of(method.getName());
                    names.forEach(name -> beans.put(name, type));
                }
            }
            Component component = AnnotatedElementUtils.findMergedAnnotation(type, Component.class);
            if (component != null) {
                beans.putIfAbsent(component.value().isEmpty() ? StringUtils.uncapitalize(type.getSimpleName())
                        : component.value(), type);
            }
        }
        return beans;
    }

    private static String moduleOf(Class<?> type) {
        return MODULES.getModuleByType(type).map(ApplicationModule::getName).orElse("(no module)");
    }

    private static List<Path> models() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
    }
}
