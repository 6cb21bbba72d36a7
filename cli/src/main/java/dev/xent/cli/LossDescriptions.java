package dev.xent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.io.Json;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How {@code list} and {@code describe} show a loss, as JSON and as text. */
final class LossDescriptions {
    private LossDescriptions() {
    }

    /**
     * {@code name}, {@code aliases}, {@code description}, {@code input_space}, {@code target_domain},
     * {@code targets_allowed}, {@code non_negative} (with the default parameters), {@code parameters},
     * {@code source} (and the formula).
     */
    static ObjectNode json(LossProvider provider, boolean withFormula) {
        ObjectNode json = Json.object();
        json.put("name", provider.name());
        ArrayNode aliases = json.putArray("aliases");
        provider.aliases().forEach(aliases::add);
        json.put("description", provider.description());
        if (withFormula) {
            json.put("formula", provider.formula());
        }
        defaultLoss(provider).ifPresent(loss -> {
            json.put("input_space", loss.inputSpace().name().toLowerCase(Locale.ROOT));
            json.put("target_domain", loss.targetDomain().jsonName());
            json.put("targets_allowed", loss.targetDomain().allowed());
            json.put("non_negative", loss.isNonNegative());
        });
        ArrayNode parameters = json.putArray("parameters");
        for (Parameter p : provider.parameters()) {
            ObjectNode parameter = parameters.addObject();
            parameter.put("name", p.name());
            parameter.put("type", p.type().jsonName());
            parameter.set("default", Json.tree(p.defaultValue()));
            if (p.type() == ParameterType.CHOICE) {
                ArrayNode allowed = parameter.putArray("allowed");
                p.choices().forEach(allowed::add);
            } else if (p.type() != ParameterType.BOOLEAN) {
                parameter.put("range", p.allowed());
            }
            parameter.put("description", p.description());
        }
        json.put("source", LossRegistry.sourceOf(provider));
        return json;
    }

    /**
     * The loss with its default parameters, whose input space and target domain are shown (a parameter
     * such as {@code from_logits} may change them); empty if the provider cannot create it
     * (its errors are reported when a job uses it).
     */
    private static Optional<Loss> defaultLoss(LossProvider provider) {
        try {
            return Optional.of(provider.create(Map.of()));
        } catch (RuntimeException | LinkageError e) { // a broken plugin must not break list or describe
            return Optional.empty();
        }
    }

    /** One block of text per loss: name, aliases, description, source, and a table of parameters. */
    static List<String> text(LossProvider provider, boolean withFormula) {
        List<String> lines = new ArrayList<>();
        String aliases = provider.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", provider.aliases()) + ")";
        lines.add(provider.name() + aliases);
        lines.add("  " + provider.description());
        if (withFormula && !provider.formula().isBlank()) {
            lines.add("  formula:");
            provider.formula().lines().forEach(line -> lines.add("    " + line));
        }
        defaultLoss(provider).ifPresent(loss -> lines.add("  inputs (default parameters): predictions "
                + loss.inputSpace().name().toLowerCase(Locale.ROOT) + ", targets " + loss.targetDomain().jsonName()
                + " (" + loss.targetDomain().allowed() + ")" + (loss.isNonNegative() ? ", loss >= 0" : "")));
        lines.add("  source: " + LossRegistry.sourceOf(provider));
        if (provider.parameters().isEmpty()) {
            lines.add("  parameters: none");
            return lines;
        }
        lines.add("  parameters:");
        int nameWidth = provider.parameters().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (Parameter p : provider.parameters()) {
            String defaultText = p.defaultValue() == null ? "none" : String.valueOf(p.defaultValue());
            lines.add(String.format("    %-" + nameWidth + "s  %s, default %s, allowed %s: %s", p.name(),
                    p.type().jsonName(), defaultText, p.allowed(), p.description()));
        }
        return lines;
    }
}
