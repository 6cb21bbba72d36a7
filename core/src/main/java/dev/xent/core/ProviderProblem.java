package dev.xent.core;

/**
 * A diagnostic kept by a {@link LossRegistry}: a provider that could not be loaded, or two providers
 * claiming the same name. The registry keeps working without the offending provider or name.
 *
 * @param provider the class name of the provider concerned (or what the service file names)
 * @param message  one line saying what went wrong
 * @param cause    the underlying error, or null
 */
public record ProviderProblem(String provider, String message, Throwable cause) {
}
