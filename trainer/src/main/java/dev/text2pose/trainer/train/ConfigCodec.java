package dev.text2pose.trainer.train;

import dev.text2pose.trainer.model.HeatmapRange;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link TrainConfig} as {@code key=value} text, the key being the record component's name: the
 * form of {@code --set} overrides and of the checkpoint's {@code config.properties}.
 *
 * <p>Values are typed by the component: integers, decimals, {@code true}/{@code false} (nothing else), strings, and
 * the enums by their labels ({@code uncond}, {@code mlp}, {@code [0,1]}). An unknown key, a malformed value or a
 * value the record's validation refuses is an {@link IllegalArgumentException} that names the key, so a typo never
 * silently trains with a default.
 */
public final class ConfigCodec {

    private static final RecordComponent[] COMPONENTS = TrainConfig.class.getRecordComponents();

    private ConfigCodec() {
    }

    /** The keys, in record order. */
    public static List<String> keys() {
        return Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();
    }

    /** {@code base} with {@code overrides} applied; throws IllegalArgumentException on an unknown key or bad value. */
    public static TrainConfig with(TrainConfig base, Map<String, String> overrides) {
        Object[] values = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            values[i] = read(base, COMPONENTS[i]);
        }
        overrides.forEach((key, text) -> {
            int i = keys().indexOf(key);
            if (i < 0) {
                throw new IllegalArgumentException("unknown config key '" + key + "'; known keys: " + keys());
            }
            values[i] = parse(COMPONENTS[i], text.strip());
        });
        return construct(values);
    }

    /** Every field as {@code key -> text}, in record order; {@link #with} reads it back to an equal config. */
    public static Map<String, String> toMap(TrainConfig config) {
        Map<String, String> map = new LinkedHashMap<>();
        for (RecordComponent component : COMPONENTS) {
            map.put(component.getName(), format(read(config, component)));
        }
        return map;
    }

    /** One line per field, {@code key = value}, for logging the effective config once at start. */
    public static String describe(TrainConfig config) {
        StringBuilder s = new StringBuilder();
        toMap(config).forEach((k, v) -> s.append(String.format("  %-18s = %s%n", k, v)));
        return s.toString();
    }

    /** The trajectory (non-{@link TrainConfig#OPERATIONAL}) keys whose values differ, as {@code key: was -> now}. */
    public static List<String> trajectoryChanges(TrainConfig saved, TrainConfig now) {
        Map<String, String> before = toMap(saved);
        Map<String, String> after = toMap(now);
        return keys().stream()
                .filter(k -> !TrainConfig.OPERATIONAL.contains(k) && !before.get(k).equals(after.get(k)))
                .map(k -> k + ": " + before.get(k) + " -> " + after.get(k))
                .toList();
    }

    /** Splits {@code key=value}; throws IllegalArgumentException when there is no '='. */
    public static Map.Entry<String, String> parseAssignment(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + assignment + "'");
        }
        return Map.entry(assignment.substring(0, eq).strip(), assignment.substring(eq + 1));
    }

    private static Object parse(RecordComponent component, String text) {
        Class<?> type = component.getType();
        try {
            if (type == int.class) {
                return Integer.parseInt(text);
            } else if (type == long.class) {
                return Long.parseLong(text);
            } else if (type == double.class) {
                return Double.parseDouble(text);
            } else if (type == float.class) {
                return Float.parseFloat(text);
            } else if (type == boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return Boolean.parseBoolean(text);
            } else if (type == String.class) {
                return text;
            } else if (type == Stage.class) {
                return Stage.fromLabel(text);
            } else if (type == ModelKind.class) {
                return ModelKind.fromLabel(text);
            } else if (type == HeatmapRange.class) {
                return HeatmapRange.fromLabel(text);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + component.getName() + ": "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException("no parser for " + type + " (" + component.getName() + ")");
    }

    private static String format(Object value) {
        if (value instanceof Stage stage) {
            return stage.label();
        } else if (value instanceof ModelKind kind) {
            return kind.label();
        } else if (value instanceof HeatmapRange range) {
            return range.label();
        }
        return String.valueOf(value);
    }

    private static Object read(TrainConfig config, RecordComponent component) {
        try {
            return component.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static TrainConfig construct(Object[] values) {
        Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<TrainConfig> constructor = TrainConfig.class.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TrainConfig has no canonical constructor", e);
        }
    }
}
