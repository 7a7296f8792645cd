package cn.datian.noticeflow.operations;

import cn.datian.noticeflow.identity.Groups;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The metrics tell how many notices run, who is late and how mail fares: for operations only.
 * {@code /actuator/prometheus} takes HTTP Basic against Camunda's users (the same provider as the
 * API) and requires the group {@code operations} or {@code camunda-admin}; a scraper gets a user of
 * its own in the operations group. Health and its probes stay open, without details.
 */
@Configuration
public class MetricsSecurity {

  @Bean
  @Order(10)
  SecurityFilterChain metricsFilterChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
        .authorizeHttpRequests(
            auth -> auth.anyRequest().hasAnyAuthority(Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
        .httpBasic(basic -> basic.realmName("noticeflow-metrics"))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            problem(
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "请先登录 (authentication required)"))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            problem(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                "只有运维人员可以读取监控指标 (operations only)")))
        .build();
  }

  private static void problem(HttpServletResponse response, int status, String detail)
      throws java.io.IOException {
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"noticeflow-metrics\"");
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
  }
}
