package cn.datian.noticeflow.demo;

import cn.datian.noticeflow.notice.NoticeInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * The real notice the system was built for (the county's 2021 "Quality Month" notice), read from
 * {@code seed/quality-month-2021.yaml}.
 */
public record SeedNotice(
    String title,
    String issuer,
    LocalDate originalIssuedOn,
    LocalDate originalDeadline,
    int deadlineAfterDays,
    String attachment,
    String body) {

  public static final String RESOURCE = "/seed/quality-month-2021.yaml";

  /**
   * The notice as issued on {@code issuedOn}: the original's span kept (summaries due {@code
   * deadlineAfterDays} calendar days later, as 10 to 30 September 2021), acknowledgement left to
   * the configured working days, to every recipient in the directory.
   */
  public NoticeInput issuedOn(LocalDate issuedOn) {
    return new NoticeInput(
        title,
        null,
        issuer,
        issuedOn.toString(),
        fullBody(),
        issuedOn.plusDays(deadlineAfterDays).toString(),
        null,
        null);
  }

  /**
   * The body as the notice prints it: the text, then its 附件 line by name (the seed names the
   * slogans and the system invents no content for them). 主送, 落款 and date are fields.
   */
  public String fullBody() {
    return attachment == null || attachment.isBlank()
        ? body
        : body.stripTrailing() + "\n\n附件：" + attachment;
  }

  public static SeedNotice load() {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    try (InputStream in = SeedNotice.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + RESOURCE);
      }
      return yaml.readValue(in, SeedNotice.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
