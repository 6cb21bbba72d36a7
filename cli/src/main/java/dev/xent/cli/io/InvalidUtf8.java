package dev.xent.cli.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the first byte of a file that is not valid UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF) and says where it is as the CSV reader counts: the record (line) number,
 * with the header as 1 and empty lines not counted, and the character in that line. The decoder that
 * finds the problem only says "Input length = 1".
 */
final class InvalidUtf8 {
    private InvalidUtf8() {
    }

    /** Where the first invalid byte is, e.g. {@code line 3, character 7: byte 0xFF is not valid UTF-8}. */
    static Optional<String> locate(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            long line = 1;
            long character = 0;
            boolean lineHasContent = false;
            boolean quoted = false;
            int b;
            while ((b = in.read()) >= 0) {
                character++;
                int continuation = continuationBytes(b);
                if (continuation < 0) {
                    return Optional.of(where(line, character, b));
                }
                int codePoint = b & (0x7F >> continuation);
                for (int k = 0; k < continuation; k++) {
                    int next = in.read();
                    if (next < 0 || (next & 0xC0) != 0x80) {
                        return Optional.of(where(line, character, b));
                    }
                    codePoint = (codePoint << 6) | (next & 0x3F);
                }
                if (continuation > 0 && !fits(codePoint, continuation)) {
                    return Optional.of(where(line, character, b));
                }
                if (b == '"') {
                    quoted = !quoted;
                }
                if (b == '\n' && !quoted) {
                    line += lineHasContent ? 1 : 0;
                    lineHasContent = false;
                    character = 0;
                } else if (b != '\r') {
                    lineHasContent = true;
                }
            }
            return Optional.empty();
        }
    }

    /** The number of continuation bytes a lead byte announces, or -1 if it cannot start a character. */
    private static int continuationBytes(int lead) {
        if (lead < 0x80) {
            return 0;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return -1;
    }

    /** Whether a decoded code point is neither overlong, a surrogate, nor above U+10FFFF. */
    private static boolean fits(int codePoint, int continuation) {
        return switch (continuation) {
            case 2 -> codePoint >= 0x800 && (codePoint < 0xD800 || codePoint > 0xDFFF);
            case 3 -> codePoint >= 0x10000 && codePoint <= 0x10FFFF;
            default -> true;
        };
    }

    private static String where(long line, long character, int lead) {
        return "line " + line + ", character " + character + ": byte 0x" + String.format("%02X", lead)
                + " is not valid UTF-8 (data files must be UTF-8)";
    }
}
