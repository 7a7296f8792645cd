package cn.datian.noticeflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.support.ProcessTestSupport;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One deployment under stable names; an unchanged restart deploys nothing new. */
class ProcessResourcesDeployerTest extends ProcessTestSupport {

  @Autowired ProcessResourcesDeployer deployer;
  @Autowired RepositoryService repositoryService;

  @Test
  void resourcesAreNamedByProjectPath_andAnUnchangedRestartDeploysNothing() {
    Deployment deployment =
        repositoryService
            .createDeploymentQuery()
            .deploymentName(ProcessResourcesDeployer.DEPLOYMENT_NAME)
            .orderByDeploymentTime()
            .desc()
            .list()
            .get(0);
    assertThat(repositoryService.getDeploymentResourceNames(deployment.getId()))
        .contains(
            "bpmn/notice-lifecycle.bpmn",
            "bpmn/department-response.bpmn",
            "forms/acknowledge-notice.form",
            "forms/record-activities.html");
    long deployments = repositoryService.createDeploymentQuery().count();
    long definitions = repositoryService.createProcessDefinitionQuery().count();

    deployer.postProcessEngineBuild(processEngine);

    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().count()).isEqualTo(definitions);
  }
}
