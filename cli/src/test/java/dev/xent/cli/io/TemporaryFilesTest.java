package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files stay within the name limit and are all known, so that a shutdown can delete them. */
class TemporaryFilesTest {

    @Test
    void aTemporaryNameBesideA255ByteOutputStaysWithin255Bytes(@TempDir Path folder) throws IOException {
        String name = "é".repeat(120) + "1234567890.json"; // 255 bytes of UTF-8
        assertEquals(255, name.getBytes(StandardCharsets.UTF_8).length);
        TemporaryFiles.Created created = TemporaryFiles.besideOutput(folder.resolve(name));
        created.stream().close();
        String temporary = created.file().getFileName().toString();
        assertTrue(temporary.getBytes(StandardCharsets.UTF_8).length <= 255, temporary);
        assertTrue(temporary.startsWith(".éé") && temporary.endsWith(".tmp"), temporary);
        TemporaryFiles.delete(created.file());
    }

    @Test
    void shorteningNeverSplitsACharacter() {
        assertEquals("ab", TemporaryFiles.shortened("abé", 3));
        assertEquals("abé", TemporaryFiles.shortened("abé", 4));
        assertEquals("a", TemporaryFiles.shortened("a\uD83D\uDE00", 4));
    }

    @Test
    void everyTemporaryFileIsKnownUntilDeletedOrRenamed(@TempDir Path folder) throws IOException {
        TemporaryFiles.Created beside = TemporaryFiles.besideOutput(folder.resolve("report.json"));
        beside.stream().close();
        Path scratch = TemporaryFiles.scratch("xent-test-", ".bin");
        assertTrue(TemporaryFiles.alive().containsAll(java.util.List.of(beside.file(), scratch)));
        TemporaryFiles.delete(beside.file());
        TemporaryFiles.delete(scratch);
        assertFalse(Files.exists(beside.file()) || Files.exists(scratch));
        assertFalse(TemporaryFiles.alive().contains(beside.file()) || TemporaryFiles.alive().contains(scratch));
    }
}
