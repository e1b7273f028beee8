package dev.ledger.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses, in any text of a request body, what the ledger's stores cannot hold as it was sent:
 * <ul>
 *     <li>a NUL: PostgreSQL cannot store one in a text column, so it failed the command's transaction with a 500,
 *     and one that got into an event (a reviewer's note, a freeze reason) would stall the read model writing it;</li>
 *     <li>an unpaired UTF-16 surrogate ({@code "\ud800"} is valid JSON): UTF-8 cannot encode it, so the JDBC driver
 *     silently stores {@code ?} and a read model differs from the event it was built from;</li>
 *     <li>any other control character but tab, line feed and carriage return: storable, but meaningless in a
 *     reference or a note, and it reaches the logs and terminals of whoever reads them (escape sequences).</li>
 * </ul>
 * Refused while the body is read, it is a 400 {@code malformed-request} before anything runs. Registered in the web
 * layer's mapper only; stored events are read by Axon's own.
 */
public final class StorableText extends SimpleModule {

    public StorableText() {
        super("storable-text");
        addDeserializer(String.class, new StorableStringDeserializer());
    }

    /** @return why {@code text} cannot be stored as sent, or {@code null} */
    static String refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "text must not contain a NUL character";
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "text must not contain control characters other than tab and line breaks";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "text must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    private static final class StorableStringDeserializer extends StdScalarDeserializer<String> {

        private StorableStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String refusal = value == null ? null : refusal(value);
            if (refusal != null) {
                throw InvalidFormatException.from(parser, refusal, value, String.class);
            }
            return value;
        }
    }
}
