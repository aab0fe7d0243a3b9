package io.verity.weights.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The components of a record of primitives ({@link WeightValues}, {@link RequirementValues}) as API fields, in
 * declaration order: the snake_case name they have on the wire and, for numbers, the range their {@code @Schema}
 * documents. Reading the range from the documentation is what keeps the enforced and the documented range equal.
 */
public final class RecordFields {

    /** One field; {@code minimum} and {@code maximum} are NaN for booleans. */
    public record Field(String name, Class<?> type, double minimum, double maximum) {
    }

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(RecordFields::field).toList();
        }
    };

    private RecordFields() {
    }

    public static List<Field> of(Class<? extends Record> type) {
        return FIELDS.get(type);
    }

    /** A new record whose components are {@code value.apply(field)}, in order. */
    public static <R extends Record> R construct(Class<R> type, Function<Field, Object> value) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = of(type).stream().map(value).toArray();
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }

    private static Field field(RecordComponent component) {
        String name = SNAKE.translate(component.getName());
        Class<?> type = component.getType();
        if (type == boolean.class) {
            return new Field(name, type, Double.NaN, Double.NaN);
        }
        // @Schema cannot target record components; Java copies it onto the accessor.
        Schema schema = component.getAccessor().getAnnotation(Schema.class);
        if (type != double.class || schema == null || schema.minimum().isEmpty() || schema.maximum().isEmpty()) {
            throw new IllegalStateException(component.getDeclaringRecord().getSimpleName() + "." + component.getName()
                    + " must be a boolean, or a double whose @Schema documents its minimum and maximum");
        }
        return new Field(name, type, Double.parseDouble(schema.minimum()), Double.parseDouble(schema.maximum()));
    }
}
