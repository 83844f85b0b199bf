package fr.bacasable.application;

import fr.bacasable.shared.EmailAddresses;
import fr.bacasable.shared.Texts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An application as the applicant fills it in, on the portal or through the API. Field names are
 * those of the form and of the JSON body; {@link #problems()} names the bad ones.
 */
public record ApplicationSubmission(
        String applicantType,
        String organisationName,
        String siret,
        String contactName,
        String contactEmail,
        String contactPhone,
        String projectTitle,
        String projectSummary,
        String publicServiceDomain,
        String projectStage,
        Boolean usesAi,
        List<String> aiTechniques,
        Boolean processesPersonalData,
        List<String> personalDataCategories,
        DpiaAnswers dpia,
        AiActAnswers aiAct,
        String legalQuestions,
        Boolean consent) {

    static final int NAME_MAX = 200;
    static final int TEXT_MAX = 4000;
    static final String CONTROL_CHARACTERS = "Ce champ contient des caractères non autorisés.";
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 .()-]{10,20}$");
    private static final int PHONE_DIGITS_MIN = 8;
    private static final int PHONE_DIGITS_MAX = 15;

    public ApplicationSubmission {
        aiTechniques = aiTechniques == null ? List.of() : List.copyOf(aiTechniques);
        personalDataCategories = personalDataCategories == null ? List.of() : List.copyOf(personalDataCategories);
    }

    /** What prevents this application from being accepted, by field name, in French; empty when it can be. */
    public Map<String, String> problems() {
        Problems problems = new Problems();
        problems.choice("applicantType", applicantType, ApplicantType.class, "le type d'organisme");
        problems.text("organisationName", organisationName, NAME_MAX, "le nom de l'organisme");
        if (blank(siret)) {
            problems.put("siret", "Indiquez le numéro SIRET de l'organisme.");
        } else if (!Siret.isValid(siret)) {
            problems.put("siret", "Le numéro SIRET doit comporter 14 chiffres et être valide (clé de contrôle).");
        }
        problems.text("contactName", contactName, NAME_MAX, "le nom de la personne à contacter");
        if (Texts.hasForbiddenCharacters(contactEmail)) {
            problems.put("contactEmail", CONTROL_CHARACTERS);
        } else if (blank(contactEmail)) {
            problems.put("contactEmail", "Indiquez l'adresse électronique de la personne à contacter.");
        } else if (!EmailAddresses.isValid(contactEmail)) {
            problems.put("contactEmail", "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr).");
        }
        if (Texts.hasForbiddenCharacters(contactPhone)) {
            problems.put("contactPhone", CONTROL_CHARACTERS);
        } else if (blank(contactPhone)) {
            problems.put("contactPhone", "Indiquez le numéro de téléphone de la personne à contacter.");
        } else if (!isPhoneNumber(contactPhone.strip())) {
            problems.put("contactPhone", "Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89).");
        }
        problems.text("projectTitle", projectTitle, NAME_MAX, "le titre du projet");
        problems.text("projectSummary", projectSummary, TEXT_MAX, "le résumé du projet");
        problems.choice("publicServiceDomain", publicServiceDomain, PublicServiceDomain.class,
                "le domaine de service public");
        problems.choice("projectStage", projectStage, ProjectStage.class, "le stade du projet");
        problems.answer("usesAi", usesAi, "Le projet fait-il appel à l'intelligence artificielle ?");
        problems.choices("aiTechniques", aiTechniques, AiTechnique.class);
        if (Boolean.TRUE.equals(usesAi) && aiTechniques.isEmpty()) {
            problems.put("aiTechniques", "Cochez au moins une technique d'intelligence artificielle utilisée.");
        }
        problems.answer("processesPersonalData", processesPersonalData,
                "Le projet traite-t-il des données personnelles ?");
        problems.choices("personalDataCategories", personalDataCategories, PersonalDataCategory.class);
        if (Boolean.TRUE.equals(processesPersonalData) && personalDataCategories.isEmpty()) {
            problems.put("personalDataCategories", "Cochez au moins une catégorie de données personnelles.");
        }
        if (dpia == null) {
            problems.put("dpia", "Répondez aux questions sur l'analyse d'impact (AIPD).");
        } else {
            for (DpiaCriterion criterion : DpiaCriterion.values()) {
                problems.answer("dpia." + criterion.field(), dpia.byField().get(criterion.field()),
                        criterion.question());
            }
        }
        if (aiAct == null) {
            problems.put("aiAct", "Répondez aux questions sur le règlement européen sur l'IA.");
        } else {
            problems.choice("aiAct.prohibitedPractice", aiAct.prohibitedPractice(), ProhibitedPractice.class,
                    "si le projet relève d'une pratique interdite");
            problems.choice("aiAct.annexIiiArea", aiAct.annexIiiArea(), AnnexIiiArea.class,
                    "si le projet relève d'un domaine à haut risque");
            for (AiActQuestion question : AiActQuestion.values()) {
                problems.answer("aiAct." + question.field(), aiAct.booleansByField().get(question.field()),
                        question.question());
            }
        }
        problems.text("legalQuestions", legalQuestions, TEXT_MAX,
                "les questions juridiques auxquelles vous souhaitez une réponse");
        if (!Boolean.TRUE.equals(consent)) {
            problems.put("consent",
                    "Vous devez accepter la notice d'information sur vos données pour déposer votre candidature.");
        }
        return problems.byField;
    }

    private static boolean blank(String value) {
        return Texts.isBlank(value);
    }

    /** Digits with the usual separators, and as many digits as a French or an international number has. */
    private static boolean isPhoneNumber(String phone) {
        long digits = phone.chars().filter(c -> c >= '0' && c <= '9').count();
        return PHONE.matcher(phone).matches() && digits >= PHONE_DIGITS_MIN && digits <= PHONE_DIGITS_MAX;
    }

    private static final class Problems {

        private final Map<String, String> byField = new LinkedHashMap<>();

        void put(String field, String message) {
            byField.putIfAbsent(field, message);
        }

        void text(String field, String value, int max, String what) {
            if (Texts.hasForbiddenCharacters(value)) {
                put(field, CONTROL_CHARACTERS);
            } else if (blank(value)) {
                put(field, "Indiquez " + what + ".");
            } else if (value.strip().length() > max) {
                put(field, "Ce champ ne doit pas dépasser " + max + " caractères.");
            }
        }

        void answer(String field, Boolean value, String question) {
            if (value == null) {
                put(field, "Répondez par oui ou non à la question « " + question + " »");
            }
        }

        <E extends Enum<E>> void choice(String field, String value, Class<E> choices, String what) {
            if (blank(value)) {
                put(field, "Indiquez " + what + ".");
            } else if (Arrays.stream(choices.getEnumConstants()).noneMatch(c -> c.name().equals(value))) {
                put(field, "La valeur « " + value + " » n'est pas une réponse possible.");
            }
        }

        <E extends Enum<E>> void choices(String field, List<String> values, Class<E> choices) {
            int max = choices.getEnumConstants().length;
            if (values.size() > max) {
                put(field, "Cochez au plus " + max + " valeurs.");
                return;
            }
            for (String value : values) {
                choice(field, value, choices, "une valeur");
                if (values.indexOf(value) != values.lastIndexOf(value)) {
                    put(field, "La valeur « " + value + " » est cochée plusieurs fois.");
                }
            }
        }
    }
}
