package cn.datian.noticeflow.directory;

import java.util.List;

/** A file with errors: nothing was imported; each message names its row and column. */
public class ImportRefusedException extends RuntimeException {

  private final List<String> errors;

  public ImportRefusedException(List<String> errors) {
    super("导入文件有" + errors.size() + "处错误，未导入任何数据");
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
