package io.shopup.coupons.validationlog.boundary;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopup.coupons.validationlog.control.LogWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The validation log's meters: what waits in memory (records, bytes, the oldest one's age), what
 * happened to records since the start (written, spilled, replayed, dead-lettered, dropped), and how
 * long a batch's write takes. Read from the log when Prometheus asks; nothing on the hot path.
 */
final class ValidationLogMeters {

    private ValidationLogMeters() {
    }

    static void bind(MeterRegistry registry, ValidationLog log, LogWriter writer) {
        gauge(registry, "coupons.validationlog.queue.records", "Records waiting in memory", log, l -> l.status().queued());
        gauge(registry, "coupons.validationlog.queue.bytes", "Estimated bytes of the records waiting", log,
                l -> l.status().queuedBytes());
        gauge(registry, "coupons.validationlog.queue.oldest.seconds", "Age of the oldest record waiting", log,
                l -> l.status().oldestQueuedAgeMs() / 1000.0);
        counter(registry, "coupons.validationlog.written", "Rows written to validation_logs", writer, LogWriter::written);
        counter(registry, "coupons.validationlog.spilled", "Records spilled to disk", writer, LogWriter::spilled);
        counter(registry, "coupons.validationlog.replayed", "Spilled records written back", writer, LogWriter::replayed);
        counter(registry, "coupons.validationlog.deadlettered", "Records that went to the dead-letter table", writer,
                LogWriter::deadLettered);
        counter(registry, "coupons.validationlog.dropped", "Records lost (neither written nor spilled)", writer,
                LogWriter::dropped);
        Timer writes = Timer.builder("coupons.validationlog.write.duration").description("Time of one batch's write")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        writer.onWrite(nanos -> writes.record(nanos, TimeUnit.NANOSECONDS));
    }

    private static <T> void gauge(MeterRegistry registry, String name, String description, T source,
                                  ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).strongReference(true).register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source,
                                    ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }
}
