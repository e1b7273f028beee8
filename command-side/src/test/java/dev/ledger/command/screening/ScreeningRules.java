package dev.ledger.command.screening;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Screening rules bound the way the application binds them, so tests see the real defaults. */
public final class ScreeningRules {

    private ScreeningRules() {
    }

    /** {@code ledger.screening.*} from {@code properties} (relative names, e.g. {@code review-timeout}). */
    public static ScreeningProperties bound(Map<String, String> properties) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        properties.forEach((name, value) -> source.put("ledger.screening." + name, value));
        return new Binder(source).bindOrCreate("ledger.screening", ScreeningProperties.class);
    }

    /** The rules with nothing configured. */
    public static ScreeningProperties defaults() {
        return bound(Map.of());
    }
}
