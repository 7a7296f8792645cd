package cn.datian.noticeflow.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.util.UrlPathHelper;

/**
 * Spring's multipart resolution (the container's parts, spooled to disk), as Spring Boot would
 * configure it ({@code spring.servlet.multipart.*}), for every endpoint but the evidence upload,
 * which reads its body as a stream itself ({@link EvidenceController}): there Spring leaves the
 * request as it came, its body unread. Notice attachments and directory imports keep the
 * container's multipart handling.
 */
@Component(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
public class StreamedUploadMultipartResolver extends StandardServletMultipartResolver {

  /** {@link EvidenceController#UPLOAD_PATH}. */
  private static final Pattern EVIDENCE_UPLOAD =
      Pattern.compile("/api/notices/[^/]+/departments/[^/]+/evidence/?");

  private static final UrlPathHelper PATHS = new UrlPathHelper();

  public StreamedUploadMultipartResolver(MultipartProperties properties) {
    setResolveLazily(properties.isResolveLazily());
    setStrictServletCompliance(properties.isStrictServletCompliance());
  }

  @Override
  public boolean isMultipart(HttpServletRequest request) {
    return !isEvidenceUpload(request) && super.isMultipart(request);
  }

  static boolean isEvidenceUpload(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && EVIDENCE_UPLOAD.matcher(PATHS.getPathWithinApplication(request)).matches();
  }
}
