package cn.datian.noticeflow.support;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * A "video" of any size for upload tests and benchmarks: an MP4 header ("ftyp") and then
 * pseudo-random bytes (the same for every instance), hashed as they are read.
 */
public final class GeneratedVideo extends InputStream {
  private final long size;
  private final Random random = new Random(42);
  private final MessageDigest digest;
  private final byte[] chunk = new byte[64 * 1024];
  private long position;
  private int chunkPos = chunk.length;

  public GeneratedVideo(long size) throws Exception {
    this.size = size;
    this.digest = MessageDigest.getInstance("SHA-256");
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= size) {
      return -1;
    }
    if (chunkPos == chunk.length) {
      random.nextBytes(chunk);
      if (position == 0) {
        byte[] ftyp = {
          0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'm', 'p', '4', '2',
          'i', 's', 'o', 'm'
        };
        System.arraycopy(ftyp, 0, chunk, 0, ftyp.length);
      }
      chunkPos = 0;
    }
    int n = (int) Math.min(Math.min(len, chunk.length - chunkPos), size - position);
    System.arraycopy(chunk, chunkPos, b, off, n);
    digest.update(chunk, chunkPos, n);
    chunkPos += n;
    position += n;
    return n;
  }

  /** The hash of the bytes read so far; call it once, at the end. */
  public String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
