package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Records that could not stay in memory, on disk until the database takes them. Each spill is a
 * new segment file, written to a temporary name, forced to disk and then renamed, so a segment is
 * either whole or absent. Segment names sort in the order they were written.
 */
public class SpillStore {

    static final String SUFFIX = ".jsonl";

    private final Path folder;
    private final AtomicLong sequence = new AtomicLong();

    public SpillStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Checks at start that a segment can be written and read back, and so loads now every class a
     * spill needs: at shutdown the application's class loader may no longer load classes.
     */
    public void prepare(LogRecord probe) throws IOException {
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, "probe-", ".tmp");
        try {
            Files.writeString(file, LogRecordJson.write(probe), StandardCharsets.UTF_8);
            LogRecordJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A new name, which sorts after every name made before it: segment names, and the write ids of
     * batches, which become segment names when a batch is spilled.
     */
    public String newSegmentName() {
        // The random part keeps names unique across restarts and hosts.
        return String.format("segment-%020d-%06d-%s", System.currentTimeMillis(),
                sequence.incrementAndGet() % 1_000_000, UUID.randomUUID().toString().substring(0, 8));
    }

    /** Writes the records as one new segment. */
    public void append(List<LogRecord> records) throws IOException {
        append(newSegmentName(), records);
    }

    /** Writes the records as one segment of the given name (see {@link #newSegmentName()}). */
    public void append(String name, List<LogRecord> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        Files.createDirectories(folder);
        Path temporary = folder.resolve(name + ".tmp");
        // A batch keeps its name across attempts: a temporary file left by a failed one is replaced.
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                     Channels.newOutputStream(channel), StandardCharsets.UTF_8))) {
            for (LogRecord record : records) {
                out.write(LogRecordJson.write(record));
                out.write('\n');
            }
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, folder.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The segments waiting for the database, oldest first. */
    public List<Path> segments() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(SUFFIX)).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    public List<LogRecord> read(Path segment) throws IOException {
        try (Stream<String> lines = Files.lines(segment, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).map(LogRecordJson::read).toList();
        }
    }

    /** Renames an unreadable segment so that it is no longer replayed, and kept for an operator. */
    public void setAside(Path segment) {
        try {
            Files.move(segment, segment.resolveSibling(segment.getFileName() + ".bad"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Left where it is: it will be tried again.
        }
    }

    public void delete(Path segment) throws IOException {
        Files.deleteIfExists(segment);
    }

    public static String segmentName(Path segment) {
        String file = segment.getFileName().toString();
        return file.substring(0, file.length() - SUFFIX.length());
    }
}
