package cn.datian.noticeflow.document;

import java.time.LocalDate;
import java.util.List;

/**
 * The notice as every task shows it: the record's text, not process variables.
 *
 * @param recipients 主送机关, the recipients' names as the notice lists them
 * @param issuedOnText 成文日期 as written on the document (2021年9月10日)
 */
public record NoticeText(
    String id,
    String title,
    String number,
    String issuer,
    LocalDate issuedOn,
    String issuedOnText,
    String recipients,
    String body,
    String state,
    String stateLabel,
    List<NoticeAttachment> attachments) {}
