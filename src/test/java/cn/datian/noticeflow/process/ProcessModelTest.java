package cn.datian.noticeflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.support.ProcessModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What every diagram in bpmn/ must keep: it opens in Camunda Modeler with its diagram, its ids
 * follow Camunda's naming guide, its code is wired by delegate expression, its forms exist.
 */
class ProcessModelTest {

  private static final Path FORMS = Path.of("forms");
  private static final Pattern ELEMENT_ID =
      Pattern.compile(
          "(StartEvent|EndEvent|Task|CallActivity|SubProcess|Gateway|SequenceFlow|BoundaryEvent"
              + "|IntermediateCatchEvent|IntermediateThrowEvent)_[A-Z][A-Za-z]+");

  @TestFactory
  Stream<DynamicTest> everyDiagram() throws IOException {
    List<Path> diagrams = ProcessModels.bpmnFiles();
    assertThat(diagrams)
        .extracting(p -> p.getFileName().toString())
        .contains("notice-lifecycle.bpmn", "department-response.bpmn");
    return diagrams.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private void check(Path file) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Bpmn.validateModel(model);

    Process process = model.getModelElementsByType(Process.class).iterator().next();
    assertThat(file.getFileName().toString()).isEqualTo(process.getId() + ".bpmn");
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();

    // the diagram: a shape for every node, an edge for every flow
    assertThat(model.getModelElementsByType(BpmnDiagram.class)).hasSize(1);
    Set<String> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(s -> s.getBpmnElement().getId())
            .collect(Collectors.toSet());
    Set<String> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(e -> e.getBpmnElement().getId())
            .collect(Collectors.toSet());
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(shapes).as("shape for " + node.getId()).contains(node.getId());
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(edges).as("edge for " + flow.getId()).contains(flow.getId());
    }

    // ids say what the element is
    Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
    for (BaseElement element : elements) {
      assertThat(element.getId())
          .as("id of a " + element.getElementType().getTypeName())
          .matches(ELEMENT_ID);
    }

    // a reader sees what every event means, and every decision says where "otherwise" goes:
    // one default flow, never two mirrored conditions (bpmnlint's rules cannot ask for this)
    for (Event event : model.getModelElementsByType(Event.class)) {
      assertThat(event.getName()).as("name of " + event.getId()).isNotBlank();
    }
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() > 1) {
        assertThat(gateway.getDefault()).as("default flow of " + gateway.getId()).isNotNull();
        assertThat(gateway.getDefault().getConditionExpression())
            .as("default flow of " + gateway.getId() + " has no condition")
            .isNull();
      } else {
        assertThat(gateway.getIncoming()).as(gateway.getId() + " only joins").hasSizeGreaterThan(1);
      }
    }

    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{\\w+}");
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups())
          .as("candidate group of " + task.getId())
          .isNotBlank();
      assertThat(task.getName()).as(task.getId()).isNotBlank();
      if (task.getCamundaFormKey() != null) {
        assertEmbeddedFormExists(task.getId(), task.getCamundaFormKey());
      } else {
        assertFormExists(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        assertFormExists(
            start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding());
      }
    }
  }

  /** An embedded HTML form, deployed with the diagrams under its path in the project. */
  private static void assertEmbeddedFormExists(String elementId, String formKey)
      throws IOException {
    assertThat(formKey).as("form key of " + elementId).startsWith("embedded:deployment:forms/");
    Path form = Path.of(formKey.substring("embedded:deployment:".length()));
    assertThat(form).as("form of " + elementId).exists();
    assertThat(Files.readString(form)).contains("<form", "cam-script");
  }

  private static void assertFormExists(String elementId, String formRef, String binding)
      throws IOException {
    assertThat(formRef).as("formRef of " + elementId).isNotBlank();
    assertThat(binding).as("formRefBinding of " + elementId).isEqualTo("deployment");
    Path form = FORMS.resolve(formRef + ".form");
    assertThat(form).as("form of " + elementId).exists();
    JsonNode json = new ObjectMapper().readTree(form.toFile());
    assertThat(json.get("id").asText()).isEqualTo(formRef);
    assertThat(json.get("components")).isNotEmpty();
  }
}
