package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.notice.NoticeRepository.SealedStep;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Checks a notice's sealed steps (see {@link StepSeal}): each row must carry the seal of the row
 * before it in its chain and a seal that matches its own content. A row changed, deleted or slipped
 * in directly in the database breaks the chain from that row on.
 */
@Service
public class AuditTrail {

  private final NoticeRepository notices;
  private final NoticeService noticeService;

  public AuditTrail(NoticeRepository notices, NoticeService noticeService) {
    this.notices = notices;
    this.noticeService = noticeService;
  }

  /** One step as the audit shows it, with whether its seal holds. */
  public record Entry(
      long id,
      String departmentId,
      StepKind step,
      String userId,
      String comment,
      OffsetDateTime doneAt,
      String previousHash,
      String hash,
      boolean intact) {}

  /**
   * @param firstBrokenStepId the first row whose seal does not hold; null when all hold
   * @param finalHash one value for the whole record: SHA-256 over the heads of all chains
   */
  public record Audit(
      String noticeId,
      boolean intact,
      Long firstBrokenStepId,
      String finalHash,
      List<Entry> steps) {}

  public Audit audit(String noticeId) {
    noticeService.require(noticeId);
    TreeMap<String, String> heads =
        new TreeMap<>(); // chain (department, "" for the notice) -> last seal
    List<Entry> entries = new ArrayList<>();
    Long firstBroken = null;
    for (SealedStep row : notices.sealedSteps(noticeId)) {
      String chain = row.step().departmentId() == null ? "" : row.step().departmentId();
      String expectedPrevious = heads.getOrDefault(chain, StepSeal.GENESIS);
      boolean intact =
          row.contentHash() != null
              && expectedPrevious.equals(row.previousHash())
              && StepSeal.of(row.step(), expectedPrevious).equals(row.contentHash());
      if (!intact && firstBroken == null) {
        firstBroken = row.id();
      }
      heads.put(chain, row.contentHash() == null ? "" : row.contentHash());
      NoticeStep s = row.step();
      entries.add(
          new Entry(
              row.id(),
              s.departmentId(),
              s.step(),
              s.userId(),
              s.comment(),
              s.doneAt(),
              row.previousHash(),
              row.contentHash(),
              intact));
    }
    return new Audit(noticeId, firstBroken == null, firstBroken, StepSeal.ofHeads(heads), entries);
  }
}
