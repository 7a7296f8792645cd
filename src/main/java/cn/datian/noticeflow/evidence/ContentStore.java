package cn.datian.noticeflow.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The bytes of evidence, in a directory outside the database that every node reaches. A file is
 * written under a temporary name while it streams in (hashing as it goes, never held in memory) and
 * only gets its final name once it is accepted, so a refused or broken upload leaves nothing
 * behind. The temporary names are in the store's own directory (incoming/), so the final name is
 * given by an atomic rename on one file system. Evidence streams in straight from the request; a
 * file the servlet container has already spooled to disk (notice attachments) is moved in under
 * that temporary name rather than written a second time.
 */
@Component
public class ContentStore {

  private final Path root;

  public ContentStore(EvidenceProperties properties) {
    this.root = Path.of(properties.store()).toAbsolutePath().normalize();
    try {
      Files.createDirectories(root.resolve("incoming"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the evidence store " + root, e);
    }
  }

  public record Incoming(Path file, long size, String sha256) {}

  /**
   * Puts bytes that are already in a file somewhere at the path it is given (which does not exist
   * yet).
   */
  @FunctionalInterface
  public interface Transfer {
    void to(Path file) throws IOException;
  }

  /**
   * 64 KiB: a third less time than InputStream.transferTo's 8 KiB for a large file (hash and copy).
   */
  private static final int BUFFER_SIZE = 64 * 1024;

  public Incoming receive(InputStream content) throws IOException {
    Path file = incomingFile();
    MessageDigest sha256 = sha256();
    try (OutputStream out = Files.newOutputStream(file)) {
      long size = copy(content, out, sha256);
      return new Incoming(file, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * Streams an upload in under a temporary name: its first bytes (already read, to detect its type)
   * and then the rest of the stream, hashed as they are written, each byte written once. Past
   * {@code maxBytes} it stops, deletes what it wrote and throws {@code tooLarge}; a stream that
   * fails (a dropped connection) also leaves nothing.
   */
  public Incoming receive(
      byte[] head,
      int headLength,
      InputStream rest,
      long maxBytes,
      Supplier<? extends RuntimeException> tooLarge)
      throws IOException {
    Path file = incomingFile();
    MessageDigest sha256 = sha256();
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      if (headLength > maxBytes) {
        throw tooLarge.get();
      }
      sha256.update(head, 0, headLength);
      out.write(head, 0, headLength);
      long size = headLength;
      byte[] buffer = new byte[BUFFER_SIZE];
      int n;
      while ((n = rest.read(buffer)) >= 0) {
        size += n;
        if (size > maxBytes) {
          throw tooLarge.get();
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      return new Incoming(file, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * Takes in a file the servlet container has spooled to disk: the transfer moves it to the
   * incoming name (a rename when both are on one file system; the container copies otherwise), and
   * one read then hashes it, instead of a second write of every byte.
   */
  public Incoming receive(Transfer spooled) throws IOException {
    Path file = incomingFile();
    try {
      spooled.to(file);
      MessageDigest sha256 = sha256();
      long size;
      try (InputStream in = Files.newInputStream(file)) {
        size = copy(in, OutputStream.nullOutputStream(), sha256);
      }
      return new Incoming(file, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private Path incomingFile() {
    return root.resolve("incoming").resolve(UUID.randomUUID() + ".part");
  }

  private static long copy(InputStream in, OutputStream out, MessageDigest digest)
      throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long size = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
      size += n;
    }
    return size;
  }

  /** Gives an accepted file its final name. */
  public void keep(Incoming incoming, String evidenceId) throws IOException {
    Path target = pathOf(evidenceId);
    Files.createDirectories(target.getParent());
    Files.move(incoming.file(), target, StandardCopyOption.ATOMIC_MOVE);
  }

  public void discard(Incoming incoming) {
    try {
      Files.deleteIfExists(incoming.file());
    } catch (IOException ignored) {
      // a leftover .part file is harmless and never listed
    }
  }

  public InputStream open(String evidenceId) throws IOException {
    return Files.newInputStream(pathOf(evidenceId));
  }

  public boolean exists(String evidenceId) {
    return Files.exists(pathOf(evidenceId));
  }

  public void delete(String evidenceId) throws IOException {
    Files.deleteIfExists(pathOf(evidenceId));
  }

  Path pathOf(String evidenceId) {
    UUID.fromString(evidenceId); // ids only: never a path from outside
    return root.resolve(evidenceId.substring(0, 2)).resolve(evidenceId);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
