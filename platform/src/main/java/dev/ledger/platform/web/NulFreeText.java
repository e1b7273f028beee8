package dev.ledger.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses a NUL character in any text of a request body. PostgreSQL cannot store one in a text column, so a NUL
 * that got into a command failed its transaction with a 500, and one that got into an event (a reviewer's note, a
 * freeze reason) would stall the read model that writes it. Refused while the body is read, it is a 400
 * {@code malformed-request} before anything runs. Registered in the web layer's mapper only; stored events are
 * read by Axon's own.
 */
public final class NulFreeText extends SimpleModule {

    public NulFreeText() {
        super("nul-free-text");
        addDeserializer(String.class, new NulFreeStringDeserializer());
    }

    private static final class NulFreeStringDeserializer extends StdScalarDeserializer<String> {

        private NulFreeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, "text must not contain a NUL character", value,
                                                  String.class);
            }
            return value;
        }
    }
}
