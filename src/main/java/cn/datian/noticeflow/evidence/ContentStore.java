package cn.datian.noticeflow.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The bytes of evidence, in a directory outside the database that every node reaches. A file
 * is written under a temporary name while it streams in (hashing as it goes, never held in
 * memory) and only gets its final name once it is accepted, so a refused or broken upload
 * leaves nothing behind.
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

  public Incoming receive(InputStream content) throws IOException {
    Path file = root.resolve("incoming").resolve(UUID.randomUUID() + ".part");
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(content, sha256);
        OutputStream out = Files.newOutputStream(file)) {
      long size = in.transferTo(out);
      return new Incoming(file, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
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
