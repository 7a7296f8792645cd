package cn.datian.noticeflow.report;

/** The documents the system writes about a notice. */
public enum DocumentKind {
  /** 汇总报告: written when every recipient is done, again when the office adds its summary. */
  CONSOLIDATED("汇总报告"),
  /** 情况通报: written on request, at any time, from the notice's standing at that moment. */
  STATUS("情况通报"),
  /** 公文: the notice itself in the GB/T 9704 layout, written when the office head signs it off. */
  OFFICIAL("公文");

  private final String label;

  DocumentKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
