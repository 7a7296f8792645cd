package cn.datian.noticeflow.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param store the content store: a directory every node of a cluster reaches
 * @param maxDocumentSize the largest document (pdf, doc, docx, xls, xlsx, ppt, pptx, wps, et, odt,
 *     txt)
 * @param maxImageSize the largest picture (jpg, png, gif, webp, heic)
 * @param maxVideoSize the largest video (mp4, mov, avi, mkv)
 */
@ConfigurationProperties("noticeflow.evidence")
public record EvidenceProperties(
    @DefaultValue("./data/evidence") String store,
    @DefaultValue("100MB") DataSize maxDocumentSize,
    @DefaultValue("30MB") DataSize maxImageSize,
    @DefaultValue("2GB") DataSize maxVideoSize) {

  public DataSize limitOf(EvidenceKind kind) {
    return switch (kind) {
      case DOCUMENT -> maxDocumentSize;
      case IMAGE -> maxImageSize;
      case VIDEO -> maxVideoSize;
    };
  }
}
