package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.security.StaffGroups;
import fr.bacasable.shared.ProcessContract;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the code relies on in the models (see {@code processes/LISEZMOI.md}): a process owner may change
 * labels, layout, decision rules and timers freely; renaming or removing a load-bearing part fails here, with
 * a French message naming the part, before it fails in production.
 */
class ModelContractTests {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    private static final Path MAIN_CODE = Path.of("src/main/java");
    /** The ids that code names: user tasks it looks for, timers it brings forward, and so on. */
    private static final Pattern ELEMENT_ID = Pattern.compile(
            "\"((?:Task|Event|BoundaryEvent|Gateway|CallActivity|StartEvent|EndEvent|SubProcess)_[A-Za-z]+)\"");
    private static final Pattern FORM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z]+)\"");

    private static final Map<String, BpmnModelInstance> MODELS = new LinkedHashMap<>();

    @BeforeAll
    static void readModels() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList()) {
                MODELS.put(file.getFileName().toString(), Bpmn.readModelFromFile(file.toFile()));
            }
        }
    }

    @Test
    void everyProcessTheCodeStartsOrCallsHasItsModelUnderItsOwnName() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> key : ApplicationCode.constantsNamed("PROCESS_KEY").entrySet()) {
            BpmnModelInstance model = MODELS.get(key.getKey() + ".bpmn");
            if (model == null || model.getModelElementById(key.getKey()) == null) {
                problems.add("le processus « " + key.getKey() + " » (" + key.getValue().getSimpleName()
                        + ") doit rester dans processes/" + key.getKey() + ".bpmn, sous cet identifiant");
            }
        }
        assertThat(problems).as("processus attendus par le code").isEmpty();
    }

    @Test
    void everyElementTheCodeNamesIsStillInAModel() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(MAIN_CODE)) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                Matcher matcher = ELEMENT_ID.matcher(Files.readString(source));
                while (matcher.find()) {
                    String id = matcher.group(1);
                    if (MODELS.values().stream().noneMatch(model -> model.getModelElementById(id) != null)) {
                        problems.add("l'élément « " + id + " » n'existe plus dans aucun modèle, or "
                                + source.getFileName() + " en dépend : rétablissez cet identifiant");
                    }
                }
            }
        }
        assertThat(problems).as("éléments dont le code dépend").isEmpty();
    }

    @Test
    void everyMessageTheCodeSendsIsReceivedByItsProcess() {
        List<String> problems = new ArrayList<>();
        for (Class<?> variables : ApplicationCode.constantsNamed("PROCESS_KEY").values()) {
            String processKey = (String) ApplicationCode.constant(variables, "PROCESS_KEY");
            BpmnModelInstance model = MODELS.get(processKey + ".bpmn");
            for (Field field : variables.getDeclaredFields()) {
                if (field.getName().startsWith("MESSAGE_") && model != null) {
                    String message = (String) ApplicationCode.constant(variables, field.getName());
                    if (names(model, Message.class).stream().noneMatch(message::equals)) {
                        problems.add("le message « " + message + " » n'est plus attendu par " + processKey
                                + ".bpmn, or " + variables.getSimpleName() + " l'envoie : rétablissez ce nom de message");
                    }
                }
            }
        }
        assertThat(problems).as("messages").isEmpty();
    }

    @Test
    void theSignalBetweenProcessesIsStillThrownAndCaught() {
        List<String> users = new ArrayList<>();
        MODELS.forEach((file, model) -> {
            if (names(model, Signal.class).stream()
                    .anyMatch(name -> name.equals(ProcessContract.SIGNAL_REVIEW_SETTLED + "${campaignId}"))) {
                users.add(file);
            }
        });
        assertThat(users).as("le signal « %s${campaignId} » doit rester émis par ApplicationReviewProcess.bpmn et "
                        + "attendu par CampaignSelectionProcess.bpmn", ProcessContract.SIGNAL_REVIEW_SETTLED)
                .contains("ApplicationReviewProcess.bpmn", "CampaignSelectionProcess.bpmn");
    }

    @Test
    void everyFormAndGroupAModelNamesExists() throws IOException {
        List<String> forms = new ArrayList<>();
        try (Stream<Path> files = Files.list(FORMS)) {
            for (Path form : files.filter(file -> file.toString().endsWith(".form")).toList()) {
                Matcher id = FORM_ID.matcher(Files.readString(form));
                if (id.find()) {
                    forms.add(id.group(1));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        MODELS.forEach((file, model) -> {
            List<BaseElement> withForms = new ArrayList<>(model.getModelElementsByType(UserTask.class));
            withForms.addAll(model.getModelElementsByType(StartEvent.class));
            for (BaseElement element : withForms) {
                String formRef = element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "formRef");
                if (formRef != null && !forms.contains(formRef)) {
                    problems.add(file + " : « " + element.getId() + " » affiche le formulaire « " + formRef
                            + " », qui n'existe pas dans forms/");
                }
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String groups = task.getCamundaCandidateGroups();
                for (String group : groups == null ? List.<String>of() : List.of(groups.split(","))) {
                    if (!StaffGroups.ALL.contains(group.strip())) {
                        problems.add(file + " : « " + task.getId() + " » est confiée au groupe « " + group.strip()
                                + " », qui n'existe pas (groupes : " + StaffGroups.ALL + ")");
                    }
                }
            }
        });
        assertThat(problems).as("formulaires et groupes").isEmpty();
    }

    @Test
    void everyProcessKeepsAHistoryTimeToLive() {
        MODELS.forEach((file, model) -> model.getModelElementsByType(Process.class).forEach(process ->
                assertThat(process.getCamundaHistoryTimeToLiveString())
                        .as("%s : « %s » doit garder une durée de conservation de l'historique", file, process.getId())
                        .isNotBlank()));
    }

    private static List<String> names(BpmnModelInstance model, Class<? extends BaseElement> type) {
        List<String> names = new ArrayList<>();
        for (BaseElement element : model.getModelElementsByType(type)) {
            names.add(element.getAttributeValue("name"));
        }
        return names;
    }
}
