package dev.xent.core;

import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The losses that were discovered, by name and alias.
 *
 * <p>Loading never fails as a whole: a provider that cannot be instantiated (a broken service file, a
 * missing class, an exception in its constructor), or whose {@code name()}, {@code aliases()},
 * {@code description()}, {@code formula()} or {@code parameters()} throws or returns null, is left out
 * and reported in {@link #problems()}. However many entries of a service file are broken, the
 * providers after them still load.
 * Two providers claiming the same name or alias are reported too, and asking for that name throws
 * {@link DuplicateLossException} naming both classes; their other names still work.
 */
public final class LossRegistry {
    /**
     * How often the same error may repeat in a row before discovery gives up: ServiceLoader moves past
     * a broken entry, so only an iterator that no longer advances repeats one (a guard against a loop,
     * not a limit on how many entries may be broken).
     */
    private static final int MAX_REPEATS_OF_ONE_ERROR = 1000;

    private final List<LossProvider> providers;
    private final Map<String, LossProvider> byName = new LinkedHashMap<>();
    private final Map<String, List<LossProvider>> conflicts = new LinkedHashMap<>();
    private final List<ProviderProblem> problems;

    private LossRegistry(List<LossProvider> loaded, List<ProviderProblem> problems) {
        this.problems = new ArrayList<>(problems);
        List<LossProvider> sorted = new ArrayList<>(loaded);
        sorted.sort(Comparator.comparing(LossProvider::name));
        this.providers = List.copyOf(sorted);
        for (LossProvider provider : sorted) {
            List<String> names = new ArrayList<>();
            names.add(provider.name());
            names.addAll(provider.aliases());
            for (String name : names) {
                register(name, provider);
            }
        }
        conflicts.forEach((name, claimants) -> this.problems.add(new ProviderProblem(
                claimants.get(1).getClass().getName(), duplicateMessage(name, claimants), null)));
    }

    private void register(String name, LossProvider provider) {
        if (conflicts.containsKey(name)) {
            conflicts.get(name).add(provider);
            return;
        }
        LossProvider existing = byName.get(name);
        if (existing == null) {
            byName.put(name, provider);
        } else if (existing != provider) {
            byName.remove(name);
            conflicts.put(name, new ArrayList<>(List.of(existing, provider)));
        }
    }

    private static String duplicateMessage(String name, List<LossProvider> claimants) {
        StringBuilder classes = new StringBuilder();
        for (int i = 0; i < claimants.size(); i++) {
            classes.append(i == 0 ? "" : i == claimants.size() - 1 ? " and " : ", ")
                    .append(claimants.get(i).getClass().getName());
        }
        return "loss name '" + name + "' is claimed by " + (claimants.size() == 2 ? "both " : "") + classes;
    }

    /** Discovers providers with {@link ServiceLoader} through {@code loader} (class path and its modules). */
    public static LossRegistry load(ClassLoader loader) {
        return fromServiceLoader(ServiceLoader.load(LossProvider.class, loader));
    }

    /** Discovers providers in a module layer (and its parents), e.g. plugins loaded as modules. */
    public static LossRegistry load(ModuleLayer layer) {
        return fromServiceLoader(ServiceLoader.load(layer, LossProvider.class));
    }

    /** A registry of the given providers (no discovery), e.g. for tests. */
    public static LossRegistry of(List<? extends LossProvider> providers) {
        return new LossRegistry(List.copyOf(providers), List.of());
    }

    static LossRegistry fromServiceLoader(ServiceLoader<LossProvider> loader) {
        List<LossProvider> loaded = new ArrayList<>();
        List<ProviderProblem> problems = new ArrayList<>();
        Iterator<ServiceLoader.Provider<LossProvider>> it = loader.stream().iterator();
        String lastError = null;
        int repeats = 0;
        while (repeats < MAX_REPEATS_OF_ONE_ERROR) {
            ServiceLoader.Provider<LossProvider> candidate;
            try {
                if (!it.hasNext()) {
                    break;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError e) {
                String message = oneLine(e);
                repeats = message.equals(lastError) ? repeats + 1 : 1;
                lastError = message;
                if (repeats == 1) {
                    problems.add(new ProviderProblem(providerNamedIn(e), message, e));
                }
                continue;
            }
            repeats = 0;
            lastError = null;
            try {
                loaded.add(checked(candidate.get()));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(new ProviderProblem(candidate.type().getName(),
                        "provider " + candidate.type().getName() + " failed to load: " + oneLine(rootCause(e)), e));
            }
        }
        return new LossRegistry(loaded, problems);
    }

    /**
     * The provider, once everything {@code list} and {@code describe} show is known to be readable: a
     * provider whose {@code name()}, {@code aliases()}, {@code description()}, {@code formula()} or
     * {@code parameters()} throws or returns null is reported like one that fails to load, instead of
     * breaking the registry or the commands that show it. Each is asked once here; the answers are
     * expected not to change.
     */
    private static LossProvider checked(LossProvider provider) {
        requireNonNull(provider.name(), "name()");
        List<String> aliases = requireNonNull(provider.aliases(), "aliases()");
        if (aliases.stream().anyMatch(Objects::isNull)) {
            throw new IllegalStateException("aliases() returned a null alias");
        }
        requireNonNull(provider.description(), "description()");
        requireNonNull(provider.formula(), "formula()");
        List<Parameter> parameters = requireNonNull(provider.parameters(), "parameters()");
        for (Parameter parameter : parameters) {
            if (parameter == null || parameter.name() == null || parameter.type() == null
                    || parameter.description() == null) {
                throw new IllegalStateException("parameters() returned a null parameter, or one without a name, type "
                        + "or description");
            }
        }
        return provider;
    }

    private static <T> T requireNonNull(T value, String method) {
        if (value == null) {
            throw new IllegalStateException(method + " returned null");
        }
        return value;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.replace('\n', ' ');
    }

    private static String providerNamedIn(ServiceConfigurationError e) {
        // ServiceLoader's messages read "dev.xent.core.spi.LossProvider: Provider a.b.C not found".
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Provider ");
        if (at >= 0) {
            String rest = message.substring(at + "Provider ".length());
            int end = rest.indexOf(' ');
            return end < 0 ? rest : rest.substring(0, end);
        }
        return "(unknown provider)";
    }

    /** The providers that loaded, sorted by name. */
    public List<LossProvider> providers() {
        return providers;
    }

    /** Providers that failed to load, and duplicate names; empty when all is well. */
    public List<ProviderProblem> problems() {
        return List.copyOf(problems);
    }

    /** The provider for a name or alias, if exactly one claims it. */
    public Optional<LossProvider> find(String nameOrAlias) {
        return Optional.ofNullable(byName.get(nameOrAlias));
    }

    /**
     * The provider for a name or alias.
     *
     * @throws UnknownLossException   when none claims it (the message lists the available names and the closest)
     * @throws DuplicateLossException when two claim it (the message names both classes)
     */
    public LossProvider provider(String nameOrAlias) {
        LossProvider provider = byName.get(nameOrAlias);
        if (provider != null) {
            return provider;
        }
        List<LossProvider> claimants = conflicts.get(nameOrAlias);
        if (claimants != null) {
            throw new DuplicateLossException(duplicateMessage(nameOrAlias, claimants));
        }
        TreeSet<String> names = new TreeSet<>(byName.keySet());
        names.addAll(conflicts.keySet());
        String hint = ClosestName.of(String.valueOf(nameOrAlias), names).map(n -> " (did you mean '" + n + "'?)").orElse("");
        String available = providers.isEmpty() ? "none (no loss modules on the class or module path)"
                : String.join(", ", providers.stream().map(LossProvider::name).toList());
        throw new UnknownLossException("unknown loss '" + nameOrAlias + "'" + hint + "; available: " + available);
    }

    /** A loss with default parameters. */
    public Loss create(String nameOrAlias) {
        return create(nameOrAlias, Map.of());
    }

    /** A loss with the given parameters, validated by its provider. */
    public Loss create(String nameOrAlias, Map<String, ?> params) {
        return provider(nameOrAlias).create(params);
    }

    /**
     * Where a provider came from: its module's name if it is in a named module, else the jar file or
     * folder it was loaded from.
     */
    public static String sourceOf(LossProvider provider) {
        Class<?> type = provider.getClass();
        if (type.getModule().isNamed()) {
            return "module " + type.getModule().getName();
        }
        var codeSource = type.getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return "unknown";
        }
        String location = codeSource.getLocation().getPath();
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Every name and alias that finds exactly one loss, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(byName.keySet()));
    }
}
