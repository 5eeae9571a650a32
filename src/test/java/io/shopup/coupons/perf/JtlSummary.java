package io.shopup.coupons.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One line for a JMeter run: samples, errors, throughput, mean, p50, p95, p99 of the measured
 * samples (label {@code validate}; a warm-up has another label), then the validation log check:
 * rows added to {@code validation_logs} against successful samples of every label.
 *
 * <p>Arguments: the results folder (CSV files of JMeter) and the number of log rows added.
 */
public final class JtlSummary {

    private JtlSummary() {
    }

    public static void main(String[] args) throws IOException {
        List<long[]> measured = new ArrayList<>();
        long answered = 0;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> header = Arrays.asList(lines.get(0).split(","));
                int time = header.indexOf("timeStamp");
                int elapsed = header.indexOf("elapsed");
                int label = header.indexOf("label");
                int success = header.indexOf("success");
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",", -1);
                    boolean ok = Boolean.parseBoolean(f[success]);
                    answered += ok ? 1 : 0;
                    if (f[label].equals("validate")) {
                        measured.add(new long[] {Long.parseLong(f[time]), Long.parseLong(f[elapsed]), ok ? 0 : 1});
                    }
                }
            }
        }
        long[] latencies = measured.stream().mapToLong(s -> s[1]).sorted().toArray();
        long errors = measured.stream().mapToLong(s -> s[2]).sum();
        long start = measured.stream().mapToLong(s -> s[0]).min().orElse(0);
        long end = measured.stream().mapToLong(s -> s[0] + s[1]).max().orElse(1);
        System.out.printf(Locale.ROOT,
                "samples %d, errors %d (%.2f%%), throughput %.1f/s, mean %.1f ms, p50 %d ms, p95 %d ms, p99 %d ms%n",
                latencies.length, errors, 100.0 * errors / Math.max(1, latencies.length),
                latencies.length * 1000.0 / Math.max(1, end - start),
                Arrays.stream(latencies).average().orElse(0), percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99));
        if (args.length > 1) {
            long rows = Long.parseLong(args[1]);
            System.out.printf(Locale.ROOT, "validation_logs rows added %d, answered samples %d: %s%n", rows, answered,
                    rows == answered ? "none lost" : "MISMATCH");
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
