package cn.datian.noticeflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a benchmark's figures and keeps them in {@code docs/benchmarks.md}: each benchmark owns
 * one section per database, between markers, which a new run replaces; the rest of the document
 * (the analysis written by hand) stays.
 */
public final class BenchmarkReport {

  static final Path DOCUMENT = Path.of("docs", "benchmarks.md");
  static final String COMMAND = "./mvnw -Pbench verify";

  private BenchmarkReport() {}

  /** The database this benchmark JVM runs on: {@code h2} or {@code postgres}. */
  public static String database() {
    return System.getProperty("bench.database", "h2");
  }

  /** Replaces (or appends) the section {@code name} for this run's database. */
  public static synchronized void publish(String name, String markdown) {
    String key = name + ":" + database();
    String section =
        "<!-- bench:"
            + key
            + " -->\n"
            + "#### "
            + name
            + " — "
            + (database().equals("postgres") ? "PostgreSQL (embedded, zonky 17)" : "H2 (in memory)")
            + "\n\n_"
            + machine()
            + "; "
            + COMMAND
            + "; "
            + LocalDate.now(ZoneOffset.UTC)
            + "_\n\n"
            + markdown.strip()
            + "\n<!-- /bench:"
            + key
            + " -->";
    System.out.println("\n==== benchmark " + key + " ====\n" + markdown.strip() + "\n");
    try {
      String doc =
          Files.exists(DOCUMENT)
              ? Files.readString(DOCUMENT, StandardCharsets.UTF_8)
              : "# Benchmarks\n\nFigures below are written by `"
                  + COMMAND
                  + "`; the text around them by hand.\n\n"
                  + "## Figures\n\n<!-- bench:figures -->\n";
      Pattern existing =
          Pattern.compile(
              "<!-- bench:"
                  + Pattern.quote(key)
                  + " -->.*?<!-- /bench:"
                  + Pattern.quote(key)
                  + " -->",
              Pattern.DOTALL);
      Matcher m = existing.matcher(doc);
      if (m.find()) {
        doc = doc.substring(0, m.start()) + section + doc.substring(m.end());
      } else {
        doc = doc.stripTrailing() + "\n\n" + section + "\n";
      }
      Files.createDirectories(DOCUMENT.getParent());
      Files.writeString(DOCUMENT, doc, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return rt.availableProcessors()
        + " cores, "
        + ManagementFactory.getOperatingSystemMXBean().getName()
        + " "
        + ManagementFactory.getOperatingSystemMXBean().getArch()
        + ", Java "
        + System.getProperty("java.version")
        + ", heap max "
        + (rt.maxMemory() >> 20)
        + " MiB";
  }

  /** Peak use of the heap pools since the JVM started or since {@link #resetPeakHeap()}. */
  public static long peakHeapBytes() {
    long peak = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  public static void resetPeakHeap() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans()
        .forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
  }

  public static double median(java.util.List<Double> values) {
    java.util.List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public static String mib(long bytes) {
    return String.format("%.0f MiB", bytes / 1048576.0);
  }
}
