package cn.datian.noticeflow.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Detects what a file is from its content, not its name (Apache Tika's magic numbers), and whether
 * the notice accepts it: documents, pictures, videos. Office files need a second look: a docx is a
 * zip and a doc is an OLE2 container, which the content alone does not name; an OFD (GB/T 33190) is
 * a zip with OFD.xml at its root.
 */
@Component
public class ContentTypes {

  /** OFD (GB/T 33190-2016): a ZIP package whose entry point is OFD.xml at its root. */
  public static final String OFD = "application/ofd";

  private static final Map<String, EvidenceKind> ACCEPTED =
      Map.ofEntries(
          Map.entry("application/pdf", EvidenceKind.DOCUMENT),
          // OFD (GB/T 33190), China's fixed-layout format for official documents
          Map.entry(OFD, EvidenceKind.DOCUMENT),
          Map.entry("application/msword", EvidenceKind.DOCUMENT),
          Map.entry("application/vnd.ms-excel", EvidenceKind.DOCUMENT),
          Map.entry("application/vnd.ms-powerpoint", EvidenceKind.DOCUMENT),
          Map.entry("application/vnd.ms-works", EvidenceKind.DOCUMENT),
          Map.entry(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              EvidenceKind.DOCUMENT),
          Map.entry(
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              EvidenceKind.DOCUMENT),
          Map.entry(
              "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              EvidenceKind.DOCUMENT),
          Map.entry("application/vnd.oasis.opendocument.text", EvidenceKind.DOCUMENT),
          Map.entry("text/plain", EvidenceKind.DOCUMENT),
          Map.entry("image/jpeg", EvidenceKind.IMAGE),
          Map.entry("image/png", EvidenceKind.IMAGE),
          Map.entry("image/gif", EvidenceKind.IMAGE),
          Map.entry("image/webp", EvidenceKind.IMAGE),
          Map.entry("image/heic", EvidenceKind.IMAGE),
          Map.entry("image/heif", EvidenceKind.IMAGE),
          Map.entry("video/mp4", EvidenceKind.VIDEO),
          Map.entry("video/quicktime", EvidenceKind.VIDEO),
          Map.entry("video/x-msvideo", EvidenceKind.VIDEO),
          Map.entry("video/x-matroska", EvidenceKind.VIDEO),
          Map.entry("video/webm", EvidenceKind.VIDEO),
          // Matroska files whose EBML header differs from the common one
          Map.entry("application/x-matroska", EvidenceKind.VIDEO));

  /** OLE2 files the content alone cannot tell apart: the name's extension decides. */
  private static final Map<String, String> OLE2_BY_EXTENSION =
      Map.of(
          "doc", "application/msword",
          "wps", "application/vnd.ms-works",
          "xls", "application/vnd.ms-excel",
          "et", "application/vnd.ms-excel",
          "ppt", "application/vnd.ms-powerpoint");

  private static final Set<String> OLE2 =
      Set.of("application/x-tika-msoffice", "application/x-ole-storage");
  private static final Set<String> ZIP = Set.of("application/zip", "application/x-tika-ooxml");

  private final Tika tika = new Tika();

  public record Detected(String contentType, EvidenceKind kind) {}

  /** What Tika reads of a stream to detect its type: the first bytes are all it looks at. */
  public static final int HEAD_BYTES = 64 * 1024;

  /**
   * What a file's first {@link #HEAD_BYTES} bytes say, before the rest is read. A ZIP package
   * (docx, xlsx, pptx, odt, OFD) is named only by its entries, which the whole file holds: its kind
   * (every accepted one is a document) is known now, its type after {@link #secondLook}.
   *
   * @param kind the kind the file will be accepted as, or null if it is not acceptable
   */
  public record FirstLook(String detected, EvidenceKind kind, boolean zipPackage) {
    public boolean accepted() {
      return kind != null;
    }
  }

  public FirstLook firstLook(byte[] head, int length, String originalName) throws IOException {
    String detected =
        tika.detect(new java.io.ByteArrayInputStream(head, 0, length)); // content only
    if (ZIP.contains(detected)) {
      return new FirstLook(detected, EvidenceKind.DOCUMENT, true);
    }
    if (OLE2.contains(detected)) {
      detected = OLE2_BY_EXTENSION.getOrDefault(extension(originalName), detected);
    }
    return new FirstLook(detected, ACCEPTED.get(detected), false);
  }

  /** The accepted type once the whole file is there, or empty (a ZIP that is no office file). */
  public Optional<Detected> secondLook(FirstLook first, Path file) {
    if (!first.accepted()) {
      return Optional.empty();
    }
    if (!first.zipPackage()) {
      return Optional.of(new Detected(first.detected(), first.kind()));
    }
    return officeZip(file).map(type -> new Detected(type, ACCEPTED.get(type)));
  }

  /** The accepted type of the stored file, or empty with the detected type for the message. */
  public Optional<Detected> classify(Path file, String originalName, StringBuilder detectedOut)
      throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    FirstLook first = firstLook(head, head.length, originalName);
    Optional<Detected> accepted = secondLook(first, file);
    detectedOut.append(accepted.map(Detected::contentType).orElse(first.detected()));
    return accepted;
  }

  private static Optional<String> officeZip(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      // OFD before the others: its package has OFD.xml at the root (and no [Content_Types].xml)
      if (zip.getEntry("OFD.xml") != null) {
        return Optional.of(OFD);
      }
      ZipEntry mimetype = zip.getEntry("mimetype");
      if (mimetype != null) {
        try (InputStream in = zip.getInputStream(mimetype)) {
          String declared = new String(in.readNBytes(100)).strip();
          if (declared.equals("application/vnd.oasis.opendocument.text")) {
            return Optional.of(declared);
          }
        }
      }
      if (zip.getEntry("[Content_Types].xml") == null) {
        return Optional.empty();
      }
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.startsWith("word/")) {
          return Optional.of(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
        if (name.startsWith("xl/")) {
          return Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        if (name.startsWith("ppt/")) {
          return Optional.of(
              "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
