package cn.datian.noticeflow.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys bpmn/ and forms/ as one deployment, named by their paths in the project ({@code
 * bpmn/notice-lifecycle.bpmn}, {@code forms/record-activities.html}).
 *
 * <p>Why not the starter's auto-deployment: it names resources by their absolute file path, so
 * {@code embedded:deployment:forms/…} form keys cannot be written, and the same files deployed from
 * another directory (a CI clone, a jar) count as changed. Here the names are stable, and a new
 * deployment is made only when a file's content changed; then every file is deployed again
 * together, so {@code camunda:formRef} with binding "deployment" always finds its form.
 */
@Component
public class ProcessResourcesDeployer extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "noticeflow";
  private static final Logger log = LoggerFactory.getLogger(ProcessResourcesDeployer.class);
  private static final String[] PATTERNS = {
    "classpath*:bpmn/*.bpmn", "classpath*:forms/*.form", "classpath*:forms/*.html"
  };

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    DeploymentBuilder builder =
        processEngine
            .getRepositoryService()
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source("noticeflow")
            .enableDuplicateFiltering(false);
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources(pattern)) {
          try (InputStream in = resource.getInputStream()) {
            builder.addInputStream(folder + resource.getFilename(), in);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the process resources", e);
    }
    Deployment deployment = builder.deployWithResult();
    log.info("Process resources deployed as '{}' ({})", DEPLOYMENT_NAME, deployment.getId());
  }
}
