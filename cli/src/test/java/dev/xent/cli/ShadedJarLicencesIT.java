package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** cli/target/xent.jar keeps the licences and notices of everything it bundles (docs/releasing.md). */
class ShadedJarLicencesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("cli/target/xent.jar");

    @Test
    void theLicenceIsXentsApacheLicence() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertArrayEquals(Files.readAllBytes(ROOT.resolve("LICENSE")), bytes(jar, "META-INF/LICENSE"));
        }
    }

    @Test
    void theNoticeMergesXentsNoticeWithTheBundledLibrariesNotices() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String notice = new String(bytes(jar, "META-INF/NOTICE"), StandardCharsets.UTF_8);
            for (String expected : List.of("Copyright 2026 The xent project", "Jackson", "Apache Commons CSV",
                    "Apache Commons Math", "FastDoubleParser", "Apache PDFBox")) {
                assertTrue(notice.contains(expected), "META-INF/NOTICE names " + expected);
            }
        }
    }

    @Test
    void everyBundledLibraryIsListedWithItsLicenceInThirdParty() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String thirdParty = new String(bytes(jar, "META-INF/THIRD-PARTY.txt"), StandardCharsets.UTF_8);
            List<String> unlisted = new ArrayList<>();
            for (JarEntry entry : Collections.list(jar.entries())) {
                String[] path = entry.getName().split("/");
                // META-INF/maven/<groupId>/<artifactId>/pom.properties of every bundled Maven-built jar
                if (path.length == 5 && path[1].equals("maven") && path[4].equals("pom.properties")
                        && !path[2].equals("dev.xent") && !(thirdParty.contains(path[2]) && thirdParty.contains(path[3]))) {
                    unlisted.add(path[2] + ":" + path[3]);
                }
            }
            assertTrue(unlisted.isEmpty(), "add to cli/src/main/shade/THIRD-PARTY.txt: " + unlisted);
            assertTrue(bytes(jar, "META-INF/thirdparty-LICENSE").length > 0, "FastDoubleParser's third-party licences");
        }
    }

    private static byte[] bytes(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertTrue(entry != null, JAR + " has " + name);
        return jar.getInputStream(entry).readAllBytes();
    }
}
