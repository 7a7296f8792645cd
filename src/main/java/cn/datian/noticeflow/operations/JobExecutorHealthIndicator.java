package cn.datian.noticeflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Whether this node's job executor runs (reminders, mail and the fan-out depend on it). */
@Component("jobs")
public class JobExecutorHealthIndicator implements HealthIndicator {

  private final ProcessEngine processEngine;

  public JobExecutorHealthIndicator(ProcessEngine processEngine) {
    this.processEngine = processEngine;
  }

  @Override
  public Health health() {
    JobExecutor executor =
        ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
            .getJobExecutor();
    boolean active = executor != null && executor.isActive();
    long incidents = processEngine.getRuntimeService().createIncidentQuery().count();
    // An idle job executor is a configuration choice (tests); say so rather than fail.
    return Health.up()
        .withDetail("jobExecutorActive", active)
        .withDetail("openIncidents", incidents)
        .build();
  }
}
