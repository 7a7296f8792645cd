package cn.datian.noticeflow.mail;

/** What a message is for; also the name of its templates under templates/mail/. */
public enum MailKind {
  REMINDER("reminder"),
  ESCALATION("escalation"),
  URGE("urge"),
  EXTENSION_DECISION("extension-decision");

  private final String template;

  MailKind(String template) {
    this.template = template;
  }

  public String template() {
    return template;
  }
}
