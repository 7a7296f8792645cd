package cn.datian.noticeflow.response;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The responses' API: a notice with every recipient's progress ({@code GET /api/notices/{id}}) and
 * a department's recorded activities, for itself and for the office (the review form).
 */
@Tag(name = "部门办理 Responses")
@RestController
public class ResponseController {

  private final DepartmentResponseService responses;
  private final NoticeQueries queries;

  public ResponseController(DepartmentResponseService responses, NoticeQueries queries) {
    this.responses = responses;
    this.queries = queries;
  }

  @Operation(summary = "通知及各单位办理进度 / A notice and each recipient's progress")
  @GetMapping("/api/notices/{id}")
  public NoticeView get(@PathVariable String id, Authentication authentication) {
    return queries.view(id, CurrentUser.of(authentication));
  }

  @Operation(summary = "部门登记的活动 / A department's recorded activities")
  @GetMapping("/api/notices/{noticeId}/departments/{departmentId}/activities")
  public List<ActivityRecord> activities(
      @PathVariable String noticeId,
      @PathVariable String departmentId,
      Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    if (!user.groupIds().contains(departmentId) && !user.hasOversight()) {
      throw new AccessDeniedException("无权查看该部门的活动记录 (not allowed)");
    }
    return responses.activitiesOf(noticeId, departmentId);
  }
}
