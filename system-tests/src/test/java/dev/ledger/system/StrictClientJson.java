package dev.ledger.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The generated client's Jackson mapper, made strict for the tests. The client itself is lenient on purpose (a field
 * or an enum value added to the API later must not break a client built today: unknown fields are ignored, unknown
 * enum values become {@code UNKNOWN_DEFAULT_OPEN_API}). Here both fail instead, so a field the services send but the
 * document does not declare, or a value of an enum the document does not list, fails the build as drift.
 */
final class StrictClientJson {

    /** The name OpenAPI Generator gives the catch-all constant of every enum ({@code enumUnknownDefaultCase}). */
    static final String UNKNOWN_ENUM_CONSTANT = "UNKNOWN_DEFAULT_OPEN_API";

    private StrictClientJson() {
    }

    static ObjectMapper strict(ObjectMapper generated) {
        return generated.copy()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .registerModule(new SimpleModule("undocumented-enum-values-fail")
                                                .setDeserializerModifier(new EnumModifier()));
    }

    private static final class EnumModifier extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
            return new DocumentedValuesOnly(deserializer, type);
        }
    }

    /** Refuses the value the generated enum could not match (it has turned it into its catch-all constant). */
    private static final class DocumentedValuesOnly extends DelegatingDeserializer {

        private final JavaType type;

        DocumentedValuesOnly(JsonDeserializer<?> delegate, JavaType type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new DocumentedValuesOnly(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof Enum<?> constant && UNKNOWN_ENUM_CONSTANT.equals(constant.name())) {
                throw context.weirdStringException(parser.getText(), type.getRawClass(),
                                                   "a value the document does not list for "
                                                   + type.getRawClass().getName());
            }
            return value;
        }
    }
}
