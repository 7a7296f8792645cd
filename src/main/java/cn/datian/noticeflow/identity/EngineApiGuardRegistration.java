package cn.datian.noticeflow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link EngineApiGuard} in front of both engine APIs, before their own filters. */
@Configuration
public class EngineApiGuardRegistration {

  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(IdentityService identityService) {
    FilterRegistrationBean<EngineApiGuard> registration =
        new FilterRegistrationBean<>(new EngineApiGuard(identityService));
    registration.setName("noticeflow-engine-api-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
