package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hostile data files: byte-order marks, bytes that are not UTF-8, numbers in Java's literal syntax. */
class HostileDataIT {
    private static final String JOB = """
            {"task": "evaluate", "loss": {"name": "binary_cross_entropy"},
             "data": {"path": "data.csv", "prediction": "p", "target": "y"}}
            """;

    private static XentProcess.Result evaluate(String name, byte[] data) throws Exception {
        Path folder = XentProcess.workDirectory("hostile-data/" + name);
        Files.write(folder.resolve("data.csv"), data);
        Files.writeString(folder.resolve("job.json"), JOB);
        return XentProcess.run(folder, "run", "job.json", "--json");
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) part);
        }
        return out.toByteArray();
    }

    @Test
    void aByteOrderMarkBeforeAQuotedHeaderIsSkipped() throws Exception {
        XentProcess.Result run = evaluate("bom-quoted", bytes("\uFEFF\"p\",\"y\"\n0.5,1\n"));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(-Math.log(0.5), new ObjectMapper().readTree(run.stdout()).get("value").doubleValue(), 1e-15);
    }

    @Test
    void invalidUtf8NamesTheLineAndTheCharacter() throws Exception {
        XentProcess.Result run = evaluate("invalid-utf8", bytes("p,y\n0.5,1\n0.25", new byte[] {(byte) 0xFE}, ",0\n"));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("xent: data.csv: line 3, character 5: byte 0xFE is not valid UTF-8 (data files must be UTF-8)",
                HostileJobsIT.oneLine(run));
    }

    @Test
    void aFloatSuffixIsNotANumber() throws Exception {
        XentProcess.Result run = evaluate("float-suffix", bytes("p,y\n0.5,1\n0.9f,0\n"));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("xent: data.csv line 3, column 'p': '0.9f' is not a number", HostileJobsIT.oneLine(run));
    }

    @Test
    void aHexadecimalFloatIsNotANumber() throws Exception {
        XentProcess.Result run = evaluate("hex-float", bytes("p,y\n0x1p-1,1\n"));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("xent: data.csv line 2, column 'p': '0x1p-1' is not a number", HostileJobsIT.oneLine(run));
    }

    @Test
    void aLowerCaseNanIsRefusedAsNotFinite() throws Exception {
        XentProcess.Result run = evaluate("nan", bytes("p,y\nnan,1\n"));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("xent: data.csv line 2, column 'p': 'nan' is not a finite number (NaN and infinity are not allowed)",
                HostileJobsIT.oneLine(run));
    }
}
