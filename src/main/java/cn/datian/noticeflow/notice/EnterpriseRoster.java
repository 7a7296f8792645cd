package cn.datian.noticeflow.notice;

import java.util.List;

/**
 * The active individual enterprises with their industry and town, as a notice addressed to
 * 各有关企业 chooses them (every one, or those of some industries and/or towns). The office's
 * directory ({@code directory.EnterpriseDirectory}) keeps them.
 */
public interface EnterpriseRoster {

  /** One active enterprise as a notice's selection sees it. */
  record Member(String id, String name, String industry, String town) {}

  /** Every active enterprise, in the directory's order. */
  List<Member> activeEnterprises();
}
