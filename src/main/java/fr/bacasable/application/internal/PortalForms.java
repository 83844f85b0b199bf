package fr.bacasable.application.internal;

import fr.bacasable.application.AiActAnswers;
import fr.bacasable.application.AiActQuestion;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.DpiaAnswers;
import fr.bacasable.application.DpiaCriterion;
import fr.bacasable.document.DocumentService;
import fr.bacasable.document.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * The portal's HTML forms read into the intake's records: a yes/no radio sends {@code true} or
 * {@code false}, anything else (nothing ticked) is "not answered", so the applicant sees the question
 * again instead of a silent "no".
 */
final class PortalForms {

    /** The multipart field of the file inputs, also the key of their problems in {@link IntakeService}. */
    static final String DOCUMENTS = "documents";
    static final String ANSWER = "answer";
    static final String REPEATED_FIELD = "Ce champ a été envoyé plusieurs fois : renvoyez le formulaire depuis la page.";
    private static final Set<String> MULTIPLE_VALUES = Set.of("aiTechniques", "personalDataCategories", DOCUMENTS);

    private PortalForms() {
    }

    /** An application form as nobody has filled it in: every question unanswered. */
    static ApplicationSubmission emptySubmission() {
        return new ApplicationSubmission(null, null, null, null, null, null, null, null, null, null, null, List.of(),
                null, List.of(), new DpiaAnswers(null, null, null, null, null, null, null, null, null, null),
                new AiActAnswers(null, null, null, null, null, null, null, null), null, null);
    }

    /** The application as posted by the portal form; {@link ApplicationSubmission#problems()} checks the values. */
    static ApplicationSubmission submission(MultiValueMap<String, String> form) {
        Map<String, Boolean> dpia = new LinkedHashMap<>();
        for (DpiaCriterion criterion : DpiaCriterion.values()) {
            dpia.put(criterion.field(), yesNo(form.getFirst("dpia." + criterion.field())));
        }
        Map<String, Boolean> aiAct = new LinkedHashMap<>();
        for (AiActQuestion question : AiActQuestion.values()) {
            aiAct.put(question.field(), yesNo(form.getFirst("aiAct." + question.field())));
        }
        return new ApplicationSubmission(
                choice(form, "applicantType"),
                form.getFirst("organisationName"),
                form.getFirst("siret"),
                form.getFirst("contactName"),
                form.getFirst("contactEmail"),
                form.getFirst("contactPhone"),
                form.getFirst("projectTitle"),
                form.getFirst("projectSummary"),
                choice(form, "publicServiceDomain"),
                choice(form, "projectStage"),
                yesNo(form.getFirst("usesAi")),
                choices(form, "aiTechniques"),
                yesNo(form.getFirst("processesPersonalData")),
                choices(form, "personalDataCategories"),
                new DpiaAnswers(
                        dpia.get(DpiaCriterion.EVALUATION_OR_SCORING.field()),
                        dpia.get(DpiaCriterion.AUTOMATED_DECISION_WITH_LEGAL_EFFECT.field()),
                        dpia.get(DpiaCriterion.SYSTEMATIC_MONITORING.field()),
                        dpia.get(DpiaCriterion.SENSITIVE_DATA.field()),
                        dpia.get(DpiaCriterion.LARGE_SCALE.field()),
                        dpia.get(DpiaCriterion.DATASET_MATCHING.field()),
                        dpia.get(DpiaCriterion.VULNERABLE_PERSONS.field()),
                        dpia.get(DpiaCriterion.INNOVATIVE_TECHNOLOGY.field()),
                        dpia.get(DpiaCriterion.PREVENTS_RIGHT_OR_SERVICE.field()),
                        dpia.get(DpiaCriterion.ON_CNIL_MANDATORY_LIST.field())),
                new AiActAnswers(
                        choice(form, "aiAct.prohibitedPractice"),
                        choice(form, "aiAct.annexIiiArea"),
                        aiAct.get(AiActQuestion.NARROW_PROCEDURAL_TASK.field()),
                        aiAct.get(AiActQuestion.PROFILES_NATURAL_PERSONS.field()),
                        aiAct.get(AiActQuestion.INTERACTS_WITH_PERSONS.field()),
                        aiAct.get(AiActQuestion.GENERATES_SYNTHETIC_CONTENT.field()),
                        aiAct.get(AiActQuestion.EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION.field()),
                        aiAct.get(AiActQuestion.DEPLOYER_IS_PUBLIC_BODY.field())),
                form.getFirst("legalQuestions"),
                "true".equals(form.getFirst("consent")) ? Boolean.TRUE : null);
    }

    /**
     * The files chosen in a file input. An input left empty still sends one part without a name
     * and without content: it is not a document. A named but empty file is kept, to be refused by name;
     * a file over 10 MB is refused before it is read.
     */
    static List<UploadedFile> uploads(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(file -> file.getSize() > 0 || file.getOriginalFilename() != null
                        && !file.getOriginalFilename().isBlank())
                .map(PortalForms::uploaded)
                .toList();
    }

    /**
     * The fields sent more than once although they take one value (all but the check boxes and the
     * files): a browser never does it, and reading only one of the values would act on a guess.
     */
    static Map<String, String> repeatedFields(MultiValueMap<String, String> form) {
        Map<String, String> problems = new LinkedHashMap<>();
        form.forEach((field, values) -> {
            if (values.size() > 1 && !MULTIPLE_VALUES.contains(field)) {
                problems.put(field, REPEATED_FIELD);
            }
        });
        return problems;
    }

    /**
     * The problems in the order of the form, so the error summary reads top to bottom: the intake
     * puts the documents' problem last, the form asks for documents before the consent.
     */
    static Map<String, String> inFormOrder(Map<String, String> problems) {
        Map<String, String> ordered = new LinkedHashMap<>();
        problems.forEach((field, message) -> {
            if (field.equals("consent") && problems.containsKey(DOCUMENTS)) {
                ordered.put(DOCUMENTS, problems.get(DOCUMENTS));
            }
            ordered.put(field, message);
        });
        return ordered;
    }

    private static Boolean yesNo(String value) {
        if ("true".equals(value)) {
            return Boolean.TRUE;
        }
        return "false".equals(value) ? Boolean.FALSE : null;
    }

    private static String choice(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> choices(MultiValueMap<String, String> form, String field) {
        List<String> values = form.get(field);
        return values == null ? List.of() : values.stream().filter(value -> !value.isBlank()).distinct().toList();
    }

    private static UploadedFile uploaded(MultipartFile file) {
        DocumentService.checkSize(file.getOriginalFilename(), file.getSize());
        try {
            return new UploadedFile(file.getOriginalFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
