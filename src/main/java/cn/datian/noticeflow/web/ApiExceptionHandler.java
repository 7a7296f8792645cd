package cn.datian.noticeflow.web;

import cn.datian.noticeflow.deadline.ChaseRefusedException;
import cn.datian.noticeflow.deadline.UrgeTooSoonException;
import cn.datian.noticeflow.evidence.EvidenceRejectedException;
import cn.datian.noticeflow.notice.InvalidNoticeException;
import cn.datian.noticeflow.notice.NoticeNotFoundException;
import cn.datian.noticeflow.report.NoDocumentException;
import cn.datian.noticeflow.response.NoSuchRecipientException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Turns the API's refusals into RFC 9457 problem details that say what is wrong. */
@RestControllerAdvice(basePackages = "cn.datian.noticeflow")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

  @ExceptionHandler(InvalidNoticeException.class)
  ProblemDetail invalidNotice(InvalidNoticeException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid notice");
    problem.setProperty(
        "fields",
        e.problems().stream()
            .collect(
                Collectors.toMap(
                    InvalidNoticeException.FieldProblem::field,
                    InvalidNoticeException.FieldProblem::message,
                    (a, b) -> a + "; " + b)));
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String where = "";
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      where =
          " at field "
              + mapping.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .collect(Collectors.joining("."));
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "请求体不是有效的 JSON (malformed JSON body" + where + ")");
    problem.setTitle("Malformed request");
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badArgument(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, withoutInternals(e.getMessage()));
  }

  /** A Java class name in a message ("java.lang.ArithmeticException: long overflow"). */
  private static final java.util.regex.Pattern CLASS_NAME =
      java.util.regex.Pattern.compile(
          "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b");

  /**
   * Our own refusals carry a Chinese message; one from a library may name its Java class, which
   * tells a caller about the internals and nothing useful: that becomes a plain refusal.
   */
  static String withoutInternals(String message) {
    if (message == null || message.isBlank() || CLASS_NAME.matcher(message).find()) {
      return "请求参数无效 (invalid request)";
    }
    return message;
  }

  @ExceptionHandler(ChaseRefusedException.class)
  ProblemDetail conflict(ChaseRefusedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    if (e instanceof UrgeTooSoonException tooSoon) {
      problem.setTitle("Urged already");
      problem.setProperty("lastUrgedAt", tooSoon.lastUrgedAt().toString());
      problem.setProperty("nextUrgeFrom", tooSoon.nextUrgeFrom().toString());
    }
    return problem;
  }

  @ExceptionHandler(cn.datian.noticeflow.notice.NoticeConflictException.class)
  ProblemDetail noticeConflict(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(NoSuchRecipientException.class)
  ProblemDetail noRecipient(NoSuchRecipientException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(EvidenceRejectedException.class)
  ProblemDetail evidenceRejected(EvidenceRejectedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.PAYLOAD_TOO_LARGE, "文件过大 (the upload exceeds the largest accepted size)");
  }

  /**
   * A body the container cannot read as multipart: truncated, without boundary, a control character
   * in a file name. The parser's own words name its classes; the caller gets ours.
   */
  @ExceptionHandler(MultipartException.class)
  ProblemDetail brokenUpload(MultipartException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST,
        "上传不完整或格式错误：请求体应为完整的 multipart/form-data，文件名不能含控制字符 (broken multipart upload)");
  }

  @ExceptionHandler({NoticeNotFoundException.class, NoDocumentException.class})
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler({AccessDeniedException.class, AuthorizationException.class})
  ProblemDetail forbidden(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }
}
