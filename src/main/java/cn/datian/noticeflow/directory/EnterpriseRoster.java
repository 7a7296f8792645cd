package cn.datian.noticeflow.directory;

import java.util.List;

/**
 * The active individual enterprises with their industry and town, as a notice addressed to 各有关企业
 * chooses them (every one, or those of some industries and/or towns). The office's directory
 * ({@link EnterpriseDirectory}) keeps them; notice.NoticeValidator reads them through this
 * interface (the directory's shared-service layer, below the notice).
 */
public interface EnterpriseRoster {

  /** One active enterprise as a notice's selection sees it. */
  record Member(String id, String name, String industry, String town) {}

  /** Every active enterprise, in the directory's order. */
  List<Member> activeEnterprises();
}
