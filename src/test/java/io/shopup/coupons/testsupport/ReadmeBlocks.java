package io.shopup.coupons.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The README's code blocks, read from it and run as a newcomer would run them. */
public final class ReadmeBlocks {

    private static final Path README = ServiceProcess.project().resolve("README.md");

    private ReadmeBlocks() {
    }

    /** A folder for the README's commands: its .data/dev holds the credentials the launcher writes there. */
    public static Path developerFolder() throws java.io.IOException {
        Path developer = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "readme");
        Files.createDirectories(developer.resolve(".data/dev"));
        Files.writeString(developer.resolve(".data/dev/checkout-key"), TestCredentials.checkoutKey());
        Files.writeString(developer.resolve(".data/dev/admin-token"),
                TestCredentials.adminAuthorization().substring("Bearer ".length()));
        return developer;
    }

    /** The fenced blocks between the first {@code from} and the next {@code to} after it. */
    public static List<String> between(String from, String to) throws Exception {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + from.length());
        assertTrue(start >= 0 && end > start, "README section " + from);
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : text.substring(start, end).split("\n")) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                } else {
                    blocks.add(block.toString());
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /**
     * Runs a block with bash in {@code folder}, with {@code port} for the README's 8080; its output.
     * @param diagnosis what to show when the block fails (the server's log, say)
     */
    public static String run(String script, int port, Path folder, java.util.function.Supplier<String> diagnosis)
            throws Exception {
        Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "readme", ".log");
        Process process = new ProcessBuilder("bash", "-c", script.replace("localhost:8080", "localhost:" + port))
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(ended && process.exitValue() == 0, script + "\nfailed:\n" + out + "\n" + diagnosis.get());
        return out + "\n";
    }

    /** Runs a block and gives its output. */
    @FunctionalInterface
    public interface Runner {
        String run(String block) throws Exception;
    }

    /** The README's checkout flow (hold, then commit, release and roll back) run as written, and its answers checked. */
    public static void checkoutFlow(Runner bash) throws Exception {
        List<String> blocks = between("### Redemption: hold, commit, release; redeem, roll back", "| request | answer |");
        String hold = bash.run(blocks.get(0));
        assertTrue(hold.contains("\"status\":\"HELD\"") && hold.contains("\"discount\":12.00"), hold);
        String rest = bash.run(blocks.get(2));
        assertTrue(rest.contains("\"status\":\"COMMITTED\""), rest);
        assertTrue(rest.contains("}204\n") || rest.contains("\n204\n"), "the release's status: " + rest);
        assertTrue(rest.contains("\"status\":\"ROLLED_BACK\"") && rest.contains("\"reason\":\"order cancelled\""), rest);
    }
}
