package fr.bacasable.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.application.AiActRiskResult;
import fr.bacasable.application.DpiaRequirementResult;
import fr.bacasable.application.EligibilityResult;
import fr.bacasable.review.ReviewOutcomeResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Expression;
import org.camunda.bpm.model.dmn.instance.InformationRequirement;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md's decision contract: each table of {@code processes/} against the record the code reads
 * its result with. Process owners may change rules and thresholds; this fails, naming the decision and
 * the element, when an output is renamed, removed, added or retyped, when a table reads a variable the
 * code does not provide or no longer reads one it does, when a rule uses a value the code does not
 * know, or when a table may give more than the one result the processes map.
 */
class DecisionContractTests {

    /** Hit policies that give at most one result, as {@code mapDecisionResult="singleResult"} needs. */
    private static final Set<HitPolicy> SINGLE_RESULT = EnumSet.of(HitPolicy.UNIQUE, HitPolicy.FIRST,
            HitPolicy.PRIORITY, HitPolicy.ANY);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NAME = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b(?!\\s*\\()");
    /** FEEL's own words, not variables: literals, operators and the filter's {@code item}. */
    private static final Set<String> FEEL_WORDS = Set.of("true", "false", "null", "and", "or", "not", "in", "if",
            "then", "else", "for", "return", "some", "every", "satisfies", "between", "instance", "of", "item");

    /** Each model is read once: the largest takes a second. */
    private static final Map<String, Decision> DECISIONS = new ConcurrentHashMap<>();

    /** A decision and the record the code reads its single result with. */
    record Contract(String decisionKey, Class<? extends Record> result, Map<String, Class<?>> inputs,
            Function<Map<String, Object>, ? extends Record> from) {

        @Override
        public String toString() {
            return decisionKey;
        }
    }

    static Stream<Contract> contracts() {
        return Stream.of(
                new Contract(EligibilityResult.DECISION_KEY, EligibilityResult.class, EligibilityResult.INPUTS,
                        EligibilityResult::from),
                new Contract(DpiaRequirementResult.DECISION_KEY, DpiaRequirementResult.class,
                        DpiaRequirementResult.INPUTS, DpiaRequirementResult::from),
                new Contract(AiActRiskResult.DECISION_KEY, AiActRiskResult.class, AiActRiskResult.INPUTS,
                        AiActRiskResult::from),
                new Contract(ReviewOutcomeResult.DECISION_KEY, ReviewOutcomeResult.class, ReviewOutcomeResult.INPUTS,
                        ReviewOutcomeResult::from));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void theTableGivesOneResultWithTheOutputsOfTheRecord(Contract contract) {
        DecisionTable table = table(contract);
        List<String> problems = new ArrayList<>();
        if (!SINGLE_RESULT.contains(table.getHitPolicy())) {
            problems.add(String.format("la politique de résultat %s (%s) peut donner plusieurs lignes, alors que le "
                    + "processus attend un seul résultat", table.getHitPolicy(), table.getId()));
        }
        Map<String, Output> outputs = new HashMap<>();
        table.getOutputs().forEach(output -> outputs.put(output.getName(), output));
        for (RecordComponent component : contract.result().getRecordComponents()) {
            Output output = outputs.remove(component.getName());
            if (output == null) {
                problems.add(String.format("la sortie « %s » n'existe plus (renommée ou supprimée ?), alors que %s "
                        + "la lit", component.getName(), contract.result().getSimpleName()));
                continue;
            }
            problems.addAll(outputProblems(table, output, component.getType()));
        }
        outputs.values().forEach(output -> problems.add(String.format("la sortie « %s » (%s) n'est pas lue par %s : "
                + "ajoutez-la au contrat (DESIGN.md) et au code, ou retirez-la", output.getName(), output.getId(),
                contract.result().getSimpleName())));

        assertThat(problems).as(report(contract, "sorties")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void theTableReadsTheInputsTheCodeProvides(Contract contract) {
        Decision decision = decision(contract);
        DecisionTable table = table(contract);
        List<String> problems = new ArrayList<>();
        Set<String> read = variablesRead(decision);
        for (String input : new TreeSet<>(contract.inputs().keySet())) {
            if (!read.remove(input)) {
                problems.add(String.format("l'entrée « %s », que le code fournit, n'est plus lue (renommée ou "
                        + "supprimée ?)", input));
            }
        }
        read.forEach(name -> problems.add(String.format("la table lit « %s », que le code ne fournit pas", name)));
        List<Input> inputs = List.copyOf(table.getInputs());
        for (int column = 0; column < inputs.size(); column++) {
            Input input = inputs.get(column);
            Class<?> type = contract.inputs().get(text(input.getInputExpression().getText()));
            if (type != null) {
                problems.addAll(inputProblems(table, column, input, type));
            }
        }

        assertThat(problems).as(report(contract, "entrées")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void theRecordReadsEachOutputByItsName(Contract contract) throws ReflectiveOperationException {
        Map<String, Object> singleResult = new HashMap<>();
        Map<String, Object> expected = new HashMap<>();
        for (RecordComponent component : contract.result().getRecordComponents()) {
            singleResult.put(component.getName(), sampleOutput(component.getType()));
            expected.put(component.getName(), sampleValue(component.getType()));
        }
        Record result = contract.from().apply(singleResult);
        List<String> problems = new ArrayList<>();
        for (RecordComponent component : contract.result().getRecordComponents()) {
            Object value = component.getAccessor().invoke(result);
            if (!expected.get(component.getName()).equals(value)) {
                problems.add(String.format("%s.from ne lit pas la sortie « %s » sous ce nom",
                        contract.result().getSimpleName(), component.getName()));
            }
        }

        assertThat(problems).as(report(contract, "lecture du résultat")).isEmpty();
    }

    private static List<String> outputProblems(DecisionTable table, Output output, Class<?> type) {
        String element = String.format("la sortie « %s » (%s)", output.getName(), output.getId());
        List<String> problems = declarationProblems(element, output.getTypeRef(), output.getOutputValues(), type);
        if (!type.isEnum()) {
            return problems;
        }
        int column = List.copyOf(table.getOutputs()).indexOf(output);
        for (Rule rule : table.getRules()) {
            String entry = text(List.copyOf(rule.getOutputEntries()).get(column).getText());
            if (!entry.equals("null") && !(entry.matches(STRING_LITERAL.pattern())
                    && constants(type).containsAll(quoted(entry)))) {
                problems.add(String.format("la règle %s donne à %s la valeur %s, que le code ne connaît pas (%s)",
                        rule.getId(), element, entry, constants(type)));
            }
        }
        return problems;
    }

    private static List<String> inputProblems(DecisionTable table, int column, Input input, Class<?> type) {
        String element = String.format("l'entrée « %s » (%s)", text(input.getInputExpression().getText()),
                input.getId());
        List<String> problems = declarationProblems(element, input.getInputExpression().getTypeRef(),
                input.getInputValues(), type);
        if (!type.isEnum()) {
            return problems;
        }
        for (Rule rule : table.getRules()) {
            Set<String> unknown = quoted(List.copyOf(rule.getInputEntries()).get(column).getText());
            unknown.removeAll(constants(type));
            if (!unknown.isEmpty()) {
                problems.add(String.format("la règle %s compare %s à %s, valeurs que le code ne fournit jamais (%s)",
                        rule.getId(), element, unknown, constants(type)));
            }
        }
        return problems;
    }

    /** An input's or output's type, and the values it lists when it lists some, against the code's. */
    private static List<String> declarationProblems(String element, String typeRef, UnaryTests listedValues,
            Class<?> type) {
        List<String> problems = new ArrayList<>();
        if (!typeRef(type).equals(typeRef)) {
            problems.add(String.format("%s est de type « %s », le code utilise « %s »", element, typeRef,
                    typeRef(type)));
        }
        if (type.isEnum() && listedValues != null && !quoted(listedValues.getText()).equals(constants(type))) {
            problems.add(String.format("%s liste les valeurs %s, le code utilise %s", element,
                    quoted(listedValues.getText()), constants(type)));
        }
        return problems;
    }

    /** The variables a decision reads, in its table or literal expression and in the decisions it requires. */
    private static Set<String> variablesRead(Decision decision) {
        Set<String> read = new TreeSet<>();
        Set<String> computed = new TreeSet<>();
        collectNames(decision, read, computed);
        read.removeAll(computed);
        return read;
    }

    private static void collectNames(Decision decision, Set<String> read, Set<String> computed) {
        for (InformationRequirement requirement : decision.getInformationRequirements()) {
            Decision required = requirement.getRequiredDecision();
            if (required != null) {
                if (required.getVariable() != null) {
                    computed.add(required.getVariable().getName());
                }
                if (required.getExpression() instanceof DecisionTable table) {
                    table.getOutputs().forEach(output -> computed.add(output.getName()));
                }
                collectNames(required, read, computed);
            }
        }
        Expression expression = decision.getExpression();
        if (expression instanceof LiteralExpression literal) {
            read.addAll(names(literal.getText()));
        }
        if (expression instanceof DecisionTable table) {
            table.getInputs().forEach(input -> read.addAll(names(input.getInputExpression().getText())));
            for (Rule rule : table.getRules()) {
                rule.getInputEntries().forEach(entry -> read.addAll(names(entry.getText())));
                rule.getOutputEntries().forEach(entry -> read.addAll(names(entry.getText())));
            }
        }
    }

    /** The variable names of a FEEL expression: its words outside strings, but for FEEL's own and functions. */
    private static Set<String> names(Text text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(STRING_LITERAL.matcher(text(text)).replaceAll(""));
        while (matcher.find()) {
            if (!FEEL_WORDS.contains(matcher.group())) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private static Set<String> quoted(Text text) {
        return quoted(text(text));
    }

    private static Set<String> quoted(String text) {
        Set<String> values = new TreeSet<>();
        Matcher matcher = STRING_LITERAL.matcher(text);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static String text(Text text) {
        return text == null ? "" : text.getTextContent().strip();
    }

    private static Set<String> constants(Class<?> enumType) {
        return new TreeSet<>(Arrays.stream(enumType.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                .toList());
    }

    /** The DMN type of the values the code provides or reads as this Java type. */
    private static String typeRef(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == int.class || type == Integer.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class) {
            return "double";
        }
        if (type == String.class || type.isEnum()) {
            return "string";
        }
        throw new IllegalArgumentException("No DMN type for " + type);
    }

    /** An output as the engine gives it: enums as their name. */
    private static Object sampleOutput(Class<?> type) {
        Object value = sampleValue(type);
        return value instanceof Enum<?> constant ? constant.name() : value;
    }

    /** A value no record would hold by default: not false, zero or the first constant. */
    private static Object sampleValue(Class<?> type) {
        return switch (typeRef(type)) {
            case "boolean" -> true;
            case "integer" -> 7;
            case "double" -> 2.5;
            default -> type.isEnum() ? type.getEnumConstants()[type.getEnumConstants().length - 1] : "motif";
        };
    }

    private static Decision decision(Contract contract) {
        Decision decision = DECISIONS.computeIfAbsent(contract.decisionKey(),
                key -> DecisionTables.readModel(key).getModelElementById(key));
        assertThat(decision).as("la décision %s dans processes/%s.dmn", contract.decisionKey(), contract.decisionKey())
                .isNotNull();
        return decision;
    }

    private static DecisionTable table(Contract contract) {
        Decision decision = decision(contract);
        assertThat(decision.getExpression()).as("la table de décision de %s", contract.decisionKey())
                .isInstanceOf(DecisionTable.class);
        return (DecisionTable) decision.getExpression();
    }

    private static String report(Contract contract, String part) {
        return String.format("%s (processes/%s.dmn), %s, contrat de DESIGN.md", contract.decisionKey(),
                contract.decisionKey(), part);
    }
}
