package fr.bacasable.badinput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Bad JSON bodies made from one valid body: each body is wrong in at least one way that alone
 * must get it refused (a field missing, of the wrong type or value, a duplicate key, text after
 * the JSON, invalid UTF-8, too deep, too big…).
 */
final class JsonBodies {

    enum Kind { TEXT, CHOICE, FORMATTED, BOOLEAN, LIST, OBJECT }

    /** A field of the body; {@code badValues} are strings it never accepts. */
    record Field(String path, Kind kind, Arbitrary<String> badValues) {
    }

    record Body(String kind, byte[] bytes) {
    }

    private record Change(String what, Consumer<ObjectNode> apply) {
    }

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARKER = "MARKER4bd1";

    private final ObjectNode valid;
    private final List<Field> fields;

    JsonBodies(ObjectNode valid, List<Field> fields) {
        this.valid = valid;
        this.fields = fields;
    }

    /** Bad bodies of every sort. */
    Arbitrary<Body> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, changed()),
                Tuple.of(2, duplicateKey()),
                Tuple.of(2, textAfterTheJson()),
                Tuple.of(1, truncated()),
                Tuple.of(2, deeplyNested()),
                Tuple.of(1, notAnObject()),
                Tuple.of(2, syntaxError()),
                Tuple.of(2, invalidUtf8()),
                Tuple.of(1, huge()));
    }

    List<Field> fields() {
        return fields;
    }

    /** The valid body, for requests that are wrong elsewhere (token, path, method, headers). */
    byte[] validBytes() {
        return valid.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Arbitrary<Body> changed() {
        return Combinators.combine(change().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false),
                Arbitraries.<Map<String, String>>of(Map.of(), Map.of("unknownField", "x"), Map.of("__proto__", "{}")))
                .as((changes, escapeNonAscii, extra) -> {
                    ObjectNode body = valid.deepCopy();
                    changes.forEach(change -> change.apply().accept(body));
                    extra.forEach(body::put);
                    String what = String.join(" + ", changes.stream().map(Change::what).toList());
                    return new Body(what, write(escapeNonAscii ? ASCII : PLAIN, body));
                });
    }

    private Arbitrary<Change> change() {
        Arbitrary<Field> field = Arbitraries.of(fields);
        List<Arbitrary<Change>> changes = new ArrayList<>(List.of(
                field.map(f -> new Change("missing " + f.path(), body -> remove(body, f.path()))),
                field.map(f -> new Change("null " + f.path(), body -> set(body, f.path(), NODES.nullNode()))),
                field.flatMap(f -> wrongType(f.kind()).map(value -> new Change("wrong type " + f.path() + "=" + value,
                        body -> set(body, f.path(), value))))));
        List<Field> withBadValues = fields.stream().filter(f -> f.badValues() != null).toList();
        if (!withBadValues.isEmpty()) {
            changes.add(Arbitraries.of(withBadValues).flatMap(f -> f.badValues().map(value ->
                    new Change("bad value " + f.path(), body -> set(body, f.path(), NODES.textNode(value))))));
        }
        List<Field> lists = fields.stream().filter(f -> f.kind() == Kind.LIST).toList();
        if (!lists.isEmpty()) {
            changes.add(Arbitraries.of(lists).flatMap(f -> badList().map(value ->
                    new Change("bad list " + f.path() + " of " + value.size(), body -> set(body, f.path(), value)))));
        }
        return Arbitraries.oneOf(changes);
    }

    private static Arbitrary<JsonNode> wrongType(Kind kind) {
        Arbitrary<JsonNode> number = Arbitraries.oneOf(Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(-1, 0, 1, 2).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of("1e400", "-0", "12345678901234567890123").map(text -> NODES.numberNode(
                        new java.math.BigDecimal(text))));
        Arbitrary<JsonNode> bool = Arbitraries.of(true, false).map(NODES::booleanNode);
        Arbitrary<JsonNode> text = Arbitraries.oneOf(Arbitraries.of("true", "false", "1", "0", "oui", "", "yes", "null")
                .map(NODES::textNode), Arbitraries.strings().ofMaxLength(20).map(NODES::textNode));
        Arbitrary<JsonNode> array = Arbitraries.of(NODES.arrayNode(), NODES.arrayNode().add("x"),
                NODES.arrayNode().add(true), NODES.arrayNode().add(1).add(NODES.objectNode()));
        Arbitrary<JsonNode> object = Arbitraries.of(NODES.objectNode(), NODES.objectNode().put("value", "x"));
        return switch (kind) {
            case TEXT, CHOICE, FORMATTED -> Arbitraries.oneOf(number, bool, array, object);
            case BOOLEAN -> Arbitraries.oneOf(number, text, array, object);
            case LIST -> Arbitraries.oneOf(number, bool, text, object, Arbitraries.of(NODES.arrayNode().add(1),
                    NODES.arrayNode().add(true), NODES.arrayNode().addNull(), NODES.arrayNode().add(NODES.objectNode()),
                    NODES.arrayNode().add(NODES.arrayNode().add("GENERATIVE"))));
            case OBJECT -> Arbitraries.oneOf(number, bool, text, array);
        };
    }

    /** Lists that are empty, too long, with duplicates or with unknown values. */
    private static Arbitrary<JsonNode> badList() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(12, 5000).map(size -> {
                    var list = NODES.arrayNode();
                    for (int i = 0; i < size; i++) {
                        list.add(i % 2 == 0 ? "GENERATIVE" : "IDENTITY");
                    }
                    return list;
                }),
                Arbitraries.of(NODES.arrayNode(), NODES.arrayNode().add("TELEPATHY"),
                        NODES.arrayNode().add("GENERATIVE").add("GENERATIVE"),
                        NODES.arrayNode().add("IDENTITY").add("IDENTITY"),
                        NODES.arrayNode().add(""), NODES.arrayNode().add("\u00a0"), NODES.arrayNode().addNull()));
    }

    private Arbitrary<Body> duplicateKey() {
        List<String> topLevel = topLevelNames();
        return Combinators.combine(Arbitraries.of(topLevel), Arbitraries.of(true, false)).as((name, sameValue) -> {
            String value = sameValue ? valid.get(name).toString() : "\"autre\"";
            String json = valid.toString();
            String duplicated = "{\"" + name + "\":" + value + "," + json.substring(1);
            return new Body("duplicate key " + name, duplicated.getBytes(StandardCharsets.UTF_8));
        });
    }

    private Arbitrary<Body> textAfterTheJson() {
        return Arbitraries.of("x", "}", "]", ",", "{}", "[]", "null", "0", "\"\"", "//", "/* */", "#", " x", "\n{}",
                        valid.toString())
                .map(junk -> new Body("text after the JSON: " + junk.substring(0, Math.min(10, junk.length())),
                        (valid + junk).getBytes(StandardCharsets.UTF_8)));
    }

    private Arbitrary<Body> truncated() {
        byte[] bytes = validBytes();
        return Arbitraries.integers().between(0, bytes.length - 1)
                .map(length -> new Body("truncated at " + length, java.util.Arrays.copyOf(bytes, length)));
    }

    private Arbitrary<Body> deeplyNested() {
        return Combinators.combine(Arbitraries.of(fields), Arbitraries.oneOf(Arbitraries.integers().between(2, 60),
                        Arbitraries.of(999, 1000, 1001, 2000, 20_000, 200_000)), Arbitraries.of("[", "{\"a\":"))
                .as((field, depth, opening) -> {
                    ObjectNode body = valid.deepCopy();
                    set(body, field.path(), NODES.textNode(MARKER));
                    String closing = opening.equals("[") ? "]" : "}";
                    String nested = opening.repeat(depth) + "1" + closing.repeat(depth);
                    String json = body.toString().replace("\"" + MARKER + "\"", nested);
                    return new Body("nested " + depth + " deep in " + field.path(), json.getBytes(StandardCharsets.UTF_8));
                });
    }

    private static Arbitrary<Body> notAnObject() {
        return Arbitraries.of("", " ", "null", "[]", "[{}]", "\"texte\"", "42", "true", "{", "}", "{]", "\u0000",
                        "\ufeff", "{\"\":}", "{\"a\" \"b\"}")
                .map(text -> new Body("not an object: " + text, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** JSON with one syntax error: a bad literal, quotes or a comment where JSON has none, a trailing comma. */
    private Arbitrary<Body> syntaxError() {
        String json = valid.toString();
        List<String> broken = new ArrayList<>(List.of("{'" + json.substring(2).replaceFirst("\"", "'"),
                "{" + json.substring(2).replaceFirst("\"", ""), json.substring(0, json.length() - 1) + ",}",
                "{/*x*/" + json.substring(1), json.replaceFirst(":", "="), json.replaceFirst("\"", "\u201c")));
        if (json.contains(":true")) {
            for (String token : List.of("TRUE", "True", "tru", "NaN", "Infinity", "01", "+1", ".5", "0x1", "'true'")) {
                broken.add(json.replaceFirst(":true", ":" + token));
            }
        }
        return Arbitraries.of(broken).map(text -> new Body("syntax error", text.getBytes(StandardCharsets.UTF_8)));
    }

    private Arbitrary<Body> invalidUtf8() {
        return Combinators.combine(Arbitraries.of(fields).filter(f -> f.kind() == Kind.TEXT),
                Arbitraries.of(BadValues.INVALID_UTF8)).as((field, bytes) -> {
                    ObjectNode body = valid.deepCopy();
                    set(body, field.path(), NODES.textNode("Ville " + MARKER + " de Lyon"));
                    return new Body("invalid UTF-8 in " + field.path(),
                            Encodings.replace(write(PLAIN, body), MARKER, bytes));
                });
    }

    private Arbitrary<Body> huge() {
        return Combinators.combine(Arbitraries.of(fields).filter(f -> f.kind() == Kind.TEXT),
                Arbitraries.integers().between(300_000, 3_000_000)).as((field, length) -> {
                    ObjectNode body = valid.deepCopy();
                    set(body, field.path(), NODES.textNode("a".repeat(length)));
                    return new Body("huge " + field.path() + " of " + length, write(PLAIN, body));
                });
    }

    private List<String> topLevelNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = valid.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static byte[] write(ObjectMapper mapper, ObjectNode body) {
        try {
            return Encodings.looseUtf8(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(ObjectNode body, String path, JsonNode value) {
        ObjectNode parent = parent(body, path);
        if (parent != null) {
            parent.set(leaf(path), value);
        }
    }

    private static void remove(ObjectNode body, String path) {
        ObjectNode parent = parent(body, path);
        if (parent != null) {
            parent.remove(leaf(path));
        }
    }

    private static ObjectNode parent(ObjectNode body, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return body;
        }
        return body.get(path.substring(0, dot)) instanceof ObjectNode nested ? nested : null;
    }

    private static String leaf(String path) {
        return path.substring(path.indexOf('.') + 1);
    }
}
