/**
 * An application that uses xent as a library: it requires only {@code dev.xent.core} and
 * {@code dev.xent.train}, and finds its loss through {@link java.util.ServiceLoader};
 * {@code dev.xent.losses.binary} is on the module path and is bound as a service provider, not required.
 */
module dev.xent.example.library {
    requires transitive dev.xent.core;
    requires transitive dev.xent.train;

    exports dev.xent.example.library;
}
