package cn.datian.noticeflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.support.ProcessElements;
import cn.datian.noticeflow.support.ProcessModels;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.junit.jupiter.api.Test;

/** Every element id the tests name ({@link ProcessElements}) still names an element of a model. */
class ProcessElementsTest {

  @Test
  void everyConstantNamesAnElement() throws IOException, IllegalAccessException {
    Set<String> ids = new HashSet<>();
    for (Path file : ProcessModels.bpmnFiles()) {
      Bpmn.readModelFromFile(file.toFile())
          .getModelElementsByType(BaseElement.class)
          .forEach(e -> ids.add(e.getId()));
    }
    int constants = 0;
    for (Field field : ProcessElements.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        assertThat(ids).as(field.getName()).contains((String) field.get(null));
        constants++;
      }
    }
    assertThat(constants).isPositive();
  }
}
