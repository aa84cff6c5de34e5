import com.example.Order;
import com.example.Receipt;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectMapper.DefaultTyping;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Jackson reference for the AWS Flow Framework for Java's wire format: encodes and decodes
 * exactly as Flow's {@code JsonDataConverter} does, so Rust tests can check their facts about that
 * format against the real thing.
 *
 * <p>A long-running process: one JSON request per stdin line, one JSON reply per stdout line, in
 * order; it exits at the end of stdin. The first line it writes is
 * {@code {"ready":true,"jackson":"<version>","java":"<version>"}}. The protocol itself uses a
 * plain {@link ObjectMapper} without default typing. Operations (T: the type names below):
 * <ul>
 *   <li>{@code {"op":"encode_args","args":[{"type":T,"value":V},...]}} -> {@code {"data":S}}:
 *       what a Flow decider sends as an activity's input, {@code toData(Object[] args)}.
 *   <li>{@code {"op":"encode_result","type":T,"value":V}} -> {@code {"data":S}}: what a Flow
 *       worker sends as the result of an activity returning that value, {@code toData(value)}.
 *   <li>{@code {"op":"encode_failure","class":C,"message":M,"fields":{...}}} -> {@code
 *       {"data":S}}: the details a Flow worker sends when its activity throws that exception
 *       (class C, built with its message constructor, public fields set), {@code toData(e)},
 *       with an empty stack trace so the result is exact.
 *   <li>{@code {"op":"decode_result","type":T,"data":S}} -> a decoded value: what a Flow decider
 *       reads from a result, {@code fromData(S, declaredReturnType)} (not read at all for void).
 *   <li>{@code {"op":"decode_failure","details":S}} -> {@code {"class":...,"message":...,
 *       "cause":...,"fields":{...}}}: what a Flow decider reads from a failure's details,
 *       {@code fromData(S, Throwable.class)}; {@code fields} are the exception's public fields.
 *   <li>{@code {"op":"decode_failures","details":[S,...]}} -> {@code {"results":[R,...]}}: many
 *       {@code decode_failure}s in one request, each R its reply or its {@code {"error":...}}.
 *   <li>{@code {"op":"decode_input","data":S,"types":[T,...]}} -> {@code {"args":[decoded
 *       value,...]}}: what a Flow worker passes to an activity method with those parameter types.
 * </ul>
 * A decoded value is {@code {"class":<Java class or null>,"value":<plain JSON>,"to_data":S}},
 * where {@code to_data} is what Flow's converter writes for that value (it shows the Java types
 * inside collections). What Flow's converter or reflection refuses is answered with
 * {@code {"error":"<exception class>: <message>"}}; a request the harness does not understand
 * with {@code {"protocol_error":"..."}}.
 */
public final class FlowHarness {
    private FlowHarness() {}

    /**
     * Flow's {@code com.amazonaws.services.simpleworkflow.flow.JsonDataConverter}, its default
     * constructor and {@code toData}/{@code fromData} line for line (minus logging and the
     * wrapping of IOException in DataConverterException).
     */
    static final class JsonDataConverter {
        final ObjectMapper mapper;

        abstract class ThrowableMixin {
            @JsonIgnore
            abstract String getLocalizedMessage();
        }

        JsonDataConverter() {
            this.mapper = new ObjectMapper();
            mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
            mapper.activateDefaultTyping(
                    BasicPolymorphicTypeValidator.builder()
                            .allowIfBaseType(Object.class)
                            .build(),
                    DefaultTyping.NON_FINAL);
            mapper.addMixIn(Throwable.class, ThrowableMixin.class);
        }

        String toData(Object value) throws IOException {
            return mapper.writeValueAsString(value);
        }

        <T> T fromData(String serialized, Class<T> valueType) throws IOException {
            return mapper.readValue(serialized, valueType);
        }
    }

    /** A request the harness does not understand: a bug in the test, not a wire fact. */
    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    /**
     * One activity method parameter per overload: {@link Method#invoke} applies the conversions
     * Flow's {@code activity.invoke(...)} applies to each argument (unboxing, primitive widening,
     * the reference check) and refuses what it refuses with IllegalArgumentException.
     */
    public static final class Parameters {
        private Parameters() {}

        /** A {@code String} parameter. */
        public static String take(String v) { return v; }
        /** An {@code int} parameter. */
        public static int take(int v) { return v; }
        /** A {@code long} parameter. */
        public static long take(long v) { return v; }
        /** A {@code boolean} parameter. */
        public static boolean take(boolean v) { return v; }
        /** A {@code double} parameter. */
        public static double take(double v) { return v; }
        /** An {@code Order} parameter. */
        public static Order take(Order v) { return v; }
        /** A {@code List<String>} parameter (erased). */
        public static List<?> take(List<?> v) { return v; }
        /** A {@code Map<String,Long>} parameter (erased). */
        public static Map<?, ?> take(Map<?, ?> v) { return v; }
    }

    private static final JsonDataConverter FLOW = new JsonDataConverter();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The Java type a type name stands for, as a parameter or declared return type. */
    static Class<?> javaType(String type) throws ProtocolException {
        switch (type) {
            case "string": return String.class;
            case "int": return int.class;
            case "long": return long.class;
            case "boolean": return boolean.class;
            case "double": return double.class;
            case "order": return Order.class;
            case "receipt": return Receipt.class;
            // Flow's generated clients pass the erased class as the return type.
            case "string_list": return List.class;
            case "long_map": return Map.class;
            default: throw new ProtocolException("unknown type " + type);
        }
    }

    /** The boxed class a decider declares as {@code Promise<T>}'s return type. */
    static Class<?> returnType(String type) throws ProtocolException {
        switch (type) {
            case "int": return Integer.class;
            case "long": return Long.class;
            case "boolean": return Boolean.class;
            case "double": return Double.class;
            default: return javaType(type);
        }
    }

    /** A Java value of the named type built from plain JSON, as Java code would build it. */
    static Object javaValue(String type, JsonNode value) throws ProtocolException {
        try {
            switch (type) {
                case "null":
                    return null;
                case "string":
                    if (value.isTextual()) return value.textValue();
                    break;
                case "int":
                    if (value.isIntegralNumber() && value.canConvertToInt()) return value.intValue();
                    break;
                case "long":
                    if (value.isIntegralNumber() && value.canConvertToLong()) return value.longValue();
                    break;
                case "boolean":
                    if (value.isBoolean()) return value.booleanValue();
                    break;
                case "double":
                    if (value.isNumber()) return value.doubleValue();
                    break;
                case "order":
                    return PLAIN.treeToValue(value, Order.class);
                case "receipt":
                    return PLAIN.treeToValue(value, Receipt.class);
                case "string_list":
                    return PLAIN.convertValue(value, new TypeReference<ArrayList<String>>() {});
                case "long_map":
                    return PLAIN.convertValue(value, new TypeReference<HashMap<String, Long>>() {});
                default:
                    throw new ProtocolException("unknown type " + type);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ProtocolException("not a " + type + ": " + value + ": " + e.getMessage());
        }
        throw new ProtocolException("not a " + type + ": " + value);
    }

    /** Flow's {@code FlowHelpers.getInputParameters}, with its default values for the types here. */
    static Object[] getInputParameters(Class<?>[] types, Object[] values) {
        int valuesLength = 0;
        if (values != null) {
            valuesLength = values.length;
        }
        if (valuesLength == types.length) {
            return values;
        }
        Object[] result;
        if (values == null) {
            result = new Object[types.length];
        } else {
            result = Arrays.copyOf(values, types.length);
        }
        for (int i = valuesLength; i < types.length; i++) {
            result[i] = getDefaultValue(types[i]);
        }
        return result;
    }

    private static Object getDefaultValue(Class<?> type) {
        if (type == int.class) return Integer.valueOf(0);
        if (type == long.class) return Long.valueOf(0);
        if (type == double.class) return Double.valueOf(0);
        if (type == boolean.class) return Boolean.FALSE;
        return null;
    }

    static ObjectNode decoded(Object value) throws IOException {
        ObjectNode reply = PLAIN.createObjectNode();
        reply.put("class", value == null ? null : value.getClass().getName());
        reply.set("value", PLAIN.valueToTree(value));
        reply.put("to_data", FLOW.toData(value));
        return reply;
    }

    static String text(JsonNode request, String field) throws ProtocolException {
        JsonNode node = request.get(field);
        if (node == null || !node.isTextual()) {
            throw new ProtocolException("\"" + field + "\" must be a string");
        }
        return node.textValue();
    }

    static JsonNode array(JsonNode request, String field) throws ProtocolException {
        JsonNode node = request.get(field);
        if (node == null || !node.isArray()) {
            throw new ProtocolException("\"" + field + "\" must be an array");
        }
        return node;
    }

    static ObjectNode encodeArgs(JsonNode request) throws ProtocolException, IOException {
        JsonNode args = array(request, "args");
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode arg = args.get(i);
            values[i] = javaValue(text(arg, "type"), arg.path("value"));
        }
        return PLAIN.createObjectNode().put("data", FLOW.toData(values));
    }

    static ObjectNode encodeResult(JsonNode request) throws ProtocolException, IOException {
        Object value = javaValue(text(request, "type"), request.path("value"));
        return PLAIN.createObjectNode().put("data", FLOW.toData(value));
    }

    static ObjectNode encodeFailure(JsonNode request)
            throws ProtocolException, IOException, ReflectiveOperationException {
        String className = text(request, "class");
        Class<? extends Throwable> type;
        try {
            type = Class.forName(className).asSubclass(Throwable.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new ProtocolException("not a Throwable class: " + className);
        }
        Throwable exception = type.getConstructor(String.class).newInstance(text(request, "message"));
        // A real worker's trace depends on its code; an empty one keeps the reply exact.
        exception.setStackTrace(new StackTraceElement[0]);
        JsonNode fields = request.path("fields");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Field field = type.getField(entry.getKey());
            field.set(exception,
                    PLAIN.convertValue(entry.getValue(), PLAIN.constructType(field.getGenericType())));
        }
        return PLAIN.createObjectNode().put("data", FLOW.toData(exception));
    }

    static ObjectNode decodeResult(JsonNode request) throws ProtocolException, IOException {
        String type = text(request, "type");
        if (type.equals("void")) {
            // Flow never reads the result of a void activity.
            return decoded(null);
        }
        Class<?> declared = returnType(type);
        return decoded(FLOW.fromData(text(request, "data"), declared));
    }

    static ObjectNode decodeFailure(JsonNode request)
            throws ProtocolException, IOException, IllegalAccessException {
        Throwable cause = FLOW.fromData(text(request, "details"), Throwable.class);
        ObjectNode reply = PLAIN.createObjectNode();
        if (cause == null) {
            reply.putNull("class");
            return reply;
        }
        reply.put("class", cause.getClass().getName());
        reply.put("message", cause.getMessage());
        Throwable nested = cause.getCause();
        reply.put("cause", nested == null ? null : nested.getClass().getName());
        ObjectNode fields = reply.putObject("fields");
        for (Field field : cause.getClass().getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.set(field.getName(), PLAIN.valueToTree(field.get(cause)));
            }
        }
        return reply;
    }

    static ObjectNode decodeFailures(JsonNode request)
            throws ProtocolException, IllegalAccessException {
        JsonNode all = array(request, "details");
        ObjectNode reply = PLAIN.createObjectNode();
        ArrayNode results = reply.putArray("results");
        for (JsonNode details : all) {
            if (!details.isTextual()) {
                throw new ProtocolException("\"details\" must hold strings");
            }
            ObjectNode one = PLAIN.createObjectNode().put("details", details.textValue());
            try {
                results.add(decodeFailure(one));
            } catch (IOException | IllegalArgumentException e) {
                results.add(PLAIN.createObjectNode()
                        .put("error", e.getClass().getName() + ": " + e.getMessage()));
            }
        }
        return reply;
    }

    static ObjectNode decodeInput(JsonNode request)
            throws ProtocolException, IOException, IllegalAccessException,
                    InvocationTargetException, NoSuchMethodException {
        String data = text(request, "data");
        JsonNode typeNames = array(request, "types");
        Class<?>[] types = new Class<?>[typeNames.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = javaType(typeNames.get(i).asText());
        }
        // POJOActivityImplementation.execute: decode, fill defaults, invoke.
        Object[] values = FLOW.fromData(data, Object[].class);
        Object[] parameters = getInputParameters(types, values);
        ObjectNode reply = PLAIN.createObjectNode();
        ArrayNode args = reply.putArray("args");
        for (int i = 0; i < types.length; i++) {
            Object received = Parameters.class.getMethod("take", types[i]).invoke(null, parameters[i]);
            args.add(decoded(received));
        }
        return reply;
    }

    static ObjectNode handle(String line) {
        try {
            JsonNode request = PLAIN.readTree(line);
            if (request == null || !request.isObject()) {
                throw new ProtocolException("a request is a JSON object");
            }
            String op = text(request, "op");
            try {
                switch (op) {
                    case "encode_args": return encodeArgs(request);
                    case "encode_result": return encodeResult(request);
                    case "encode_failure": return encodeFailure(request);
                    case "decode_result": return decodeResult(request);
                    case "decode_failure": return decodeFailure(request);
                    case "decode_failures": return decodeFailures(request);
                    case "decode_input": return decodeInput(request);
                    default: throw new ProtocolException("unknown op " + op);
                }
            } catch (IOException | IllegalArgumentException e) {
                // What Flow's converter (IOException, including every Jackson error) or the
                // reflective call into the activity method (IllegalArgumentException) refuses.
                return PLAIN.createObjectNode()
                        .put("error", e.getClass().getName() + ": " + e.getMessage());
            }
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return PLAIN.createObjectNode().put("protocol_error", trace.toString());
        }
    }

    /**
     * Serves requests from stdin until it ends.
     *
     * @param args ignored
     * @throws IOException when stdin or stdout fails
     */
    public static void main(String[] args) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        // Nothing but replies may reach stdout.
        System.setOut(System.err);
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ObjectNode ready = PLAIN.createObjectNode()
                .put("ready", true)
                .put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                .put("java", System.getProperty("java.version"));
        out.write(PLAIN.writeValueAsString(ready));
        out.write('\n');
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            out.write(PLAIN.writeValueAsString(handle(line)));
            out.write('\n');
            out.flush();
        }
    }
}
