package dev.xent.cli.job;

import dev.xent.cli.BadInputException;
import dev.xent.cli.io.Json;
import dev.xent.core.DuplicateLossException;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.UnknownLossException;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates the loss of a job's {@code loss} section: {@code {"name": "...", "params": {...}}}. */
public final class JobLoss {
    private JobLoss() {
    }

    /**
     * The loss named in {@code section} (e.g. {@code $.loss}), validated by its provider.
     *
     * @throws BadInputException for an unknown or ambiguous name ({@code $.loss.name}) or a bad
     *                           parameter ({@code $.loss.params.<name>})
     */
    public static Loss create(JobObject section, LossRegistry registry) {
        return create(section, registry, Map.of());
    }

    /**
     * As {@link #create(JobObject, LossRegistry)}, with parameters the task sets when the job leaves
     * them out (e.g. {@code from_logits = true} for training, whose model outputs logits).
     */
    public static Loss create(JobObject section, LossRegistry registry, Map<String, ?> taskDefaults) {
        section.allowOnly("name", "params");
        String name = section.string("name");
        JobObject params = section.optionalObject("params");
        Map<String, Object> values = new LinkedHashMap<>(taskDefaults);
        params.json().fields().forEachRemaining(e -> values.put(e.getKey(), Json.plain(e.getValue())));
        LossProvider provider;
        try {
            provider = registry.provider(name);
        } catch (UnknownLossException e) {
            int broken = registry.problems().size();
            throw new BadInputException(section.pathOf("name") + ": " + e.getMessage() + (broken == 0 ? ""
                    : " (" + broken + " provider problem" + (broken == 1 ? "" : "s") + ": see 'xent list')"), e);
        } catch (DuplicateLossException e) {
            throw new BadInputException(section.pathOf("name") + ": " + e.getMessage(), e);
        }
        Loss loss;
        try {
            loss = provider.create(values);
        } catch (ParameterException e) {
            throw new BadInputException(params.pathOf(e.parameter()) + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            // A class the plugin needs is missing from its jar, or was compiled against another version.
            throw new BadInputException(section.pathOf("name") + ": loss '" + name + "' cannot be created: "
                    + pluginOf(provider) + " is incomplete or built for another version of xent: " + e, e);
        }
        if (loss == null) {
            throw new BadInputException(section.pathOf("name") + ": loss '" + name + "' cannot be created: "
                    + pluginOf(provider) + " returned no loss (null)");
        }
        return loss;
    }

    private static String pluginOf(LossProvider provider) {
        return "provider " + provider.getClass().getName() + " from " + LossRegistry.sourceOf(provider);
    }

    /** The loss's name and every parameter with its resolved value, for reports. */
    public static Map<String, Object> describe(Loss loss) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", loss.name());
        out.put("params", loss.parameters());
        return out;
    }
}
