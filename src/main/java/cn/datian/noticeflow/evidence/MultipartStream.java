package cn.datian.noticeflow.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A multipart/form-data body read part by part straight from the request's stream, each part's
 * content an {@link InputStream} that ends at the next delimiter: nothing is spooled, nothing is
 * held beyond one 64 KiB buffer.
 *
 * <p>Written for speed, not taken from a library: the delimiter is searched with
 * Boyer-Moore-Horspool, which looks at about one byte in forty of a video, where the byte-by-byte
 * search of Tomcat's and commons-fileupload2's parsers (4 KiB buffers) managed about 130 MiB/s on
 * this machine's kind, a third of a plain copy (docs/benchmarks.md, section 5).
 *
 * <p>Any framing fault (no delimiter, a body that ends before the closing delimiter, a part header
 * past 16 KiB) is a {@link MalformedException}; a body that cannot be read to its end (a dropped
 * connection) is a {@link BrokenConnectionException}.
 */
final class MultipartStream {

  static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final byte CR = '\r';
  private static final byte LF = '\n';

  /** The body is not well-formed multipart. */
  static final class MalformedException extends IOException {
    MalformedException(String message) {
      super(message);
    }
  }

  /** The request's body could not be read to its end: the client went away, or the network. */
  static final class BrokenConnectionException extends IOException {
    BrokenConnectionException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * One part: its headers (names in lower case) and its content, read through {@link #content()}.
   */
  final class Part {
    private final Map<String, String> headers;

    private Part(Map<String, String> headers) {
      this.headers = headers;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    InputStream content() {
      return body;
    }
  }

  private final InputStream in;

  /** "\r\n--" + boundary: what ends each part's content. */
  private final byte[] delimiter;

  private final int[] skip = new int[256];
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final PartContent body = new PartContent();
  private int head;
  private int tail;

  /** Bytes from head up to here belong to the current part (none of them starts a delimiter). */
  private int safeEnd;

  /** Whether the delimiter starts at safeEnd. */
  private boolean delimiterAhead;

  private boolean eof;
  private boolean inPart;
  private boolean finished;

  MultipartStream(InputStream in, String boundary) {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw new IllegalArgumentException("boundary");
    }
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int n = delimiter.length;
    java.util.Arrays.fill(skip, n);
    for (int i = 0; i < n - 1; i++) {
      skip[delimiter[i] & 0xff] = n - 1 - i;
    }
    // The first delimiter has no CRLF before it: pretend it had, so one search finds them all.
    buffer[0] = CR;
    buffer[1] = LF;
    tail = 2;
  }

  /** The boundary of a multipart content type, or null when it names none. */
  static String boundaryOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String parameter : contentType.split(";")) {
      String p = parameter.strip();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String value = p.substring(9).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The next part, after whatever is left of the current one; null after the closing delimiter. */
  Part next() throws IOException {
    if (finished) {
      return null;
    }
    // the rest of the current part (or the preamble) up to its delimiter
    while (true) {
      if (head < safeEnd) {
        head = safeEnd;
      }
      if (delimiterAhead) {
        break;
      }
      scan();
    }
    head += delimiter.length;
    delimiterAhead = false;
    inPart = false;
    // "--" closes the body; otherwise optional whitespace, then CRLF and the part's headers
    require(2);
    if (buffer[head] == '-' && buffer[head + 1] == '-') {
      finished = true;
      return null;
    }
    while (true) {
      require(1);
      byte b = buffer[head];
      if (b == ' ' || b == '\t') {
        head++;
      } else {
        break;
      }
    }
    require(2);
    if (buffer[head] != CR || buffer[head + 1] != LF) {
      throw new MalformedException("no CRLF after the delimiter");
    }
    head += 2;
    Map<String, String> headers = readHeaders();
    safeEnd = head;
    inPart = true;
    return new Part(headers);
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int read = 0;
    while (true) {
      int lineEnd = -1;
      while (lineEnd < 0) {
        for (int i = head; i + 1 < tail; i++) {
          if (buffer[i] == CR && buffer[i + 1] == LF) {
            lineEnd = i;
            break;
          }
        }
        if (lineEnd < 0) {
          if (tail - head + read > MAX_HEADER_BYTES) {
            throw new MalformedException("part headers too long");
          }
          if (!fill()) {
            throw new MalformedException("the body ends in a part's headers");
          }
        }
      }
      int length = lineEnd - head;
      read += length + 2;
      if (read > MAX_HEADER_BYTES) {
        throw new MalformedException("part headers too long");
      }
      if (length == 0) {
        head = lineEnd + 2;
        return headers;
      }
      // browsers send file names as raw UTF-8
      String line = new String(buffer, head, length, StandardCharsets.UTF_8);
      head = lineEnd + 2;
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedException("a part header without a name");
      }
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
  }

  /** Makes at least n bytes available at head, or fails: the body ended too early. */
  private void require(int n) throws IOException {
    while (tail - head < n) {
      if (!fill()) {
        throw new MalformedException("the body ends before its closing delimiter");
      }
    }
  }

  /**
   * Moves what is left to the start of the buffer and reads until it is full or the stream ends;
   * false if nothing more came.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (head > 0) {
      int left = tail - head;
      System.arraycopy(buffer, head, buffer, 0, left);
      safeEnd -= head;
      tail = left;
      head = 0;
    }
    int before = tail;
    while (tail < buffer.length) {
      int n;
      try {
        n = in.read(buffer, tail, buffer.length - tail);
      } catch (IOException e) {
        throw new BrokenConnectionException(e);
      }
      if (n < 0) {
        eof = true;
        break;
      }
      tail += n;
    }
    return tail > before;
  }

  /**
   * Extends safeEnd over the bytes that cannot start a delimiter, or finds the delimiter. Called
   * only when head has reached safeEnd and no delimiter is ahead.
   */
  private void scan() throws IOException {
    int n = delimiter.length;
    if (tail - safeEnd < n) {
      if (!fill()) {
        throw new MalformedException("the body ends before its closing delimiter");
      }
      if (tail - safeEnd < n) {
        return; // read again on the next call
      }
    }
    int last = n - 1;
    int p = safeEnd;
    int end = tail - n;
    byte[] b = buffer;
    byte[] d = delimiter;
    while (p <= end) {
      int j = last;
      while (b[p + j] == d[j]) {
        if (j == 0) {
          safeEnd = p;
          delimiterAhead = true;
          return;
        }
        j--;
      }
      p += skip[b[p + last] & 0xff];
    }
    safeEnd = Math.min(p, end + 1);
  }

  /** The current part's content: ends (-1) at its delimiter. */
  private final class PartContent extends InputStream {

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int off, int len) throws IOException {
      if (!inPart) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (head == safeEnd) {
        if (delimiterAhead) {
          return -1;
        }
        scan();
      }
      int count = Math.min(len, safeEnd - head);
      System.arraycopy(buffer, head, target, off, count);
      head += count;
      return count;
    }
  }
}
