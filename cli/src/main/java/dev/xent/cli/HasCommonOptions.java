package dev.xent.cli;

/** A command with the {@link CommonOptions} mixin (so the error handler can see {@code --verbose}). */
interface HasCommonOptions {
    CommonOptions commonOptions();
}
