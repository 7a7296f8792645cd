package cn.datian.noticeflow.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>{@code /api/**}, the project's own API: HTTP Basic against Camunda's users, or the
 *       Tasklist session of a logged-in user (with the webapp's CSRF token for changes).
 *   <li>{@code /engine-rest/**}, Camunda's REST API: Camunda's own basic-auth filter, which also
 *       hands the user to the engine so its authorization checks apply.
 *   <li>{@code /camunda/**}, the webapps: they log users in themselves; Spring Security stays
 *       out of their way (no chain matches them).
 * </ul>
 */
@Configuration
public class SecurityConfig {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
    return http.securityMatcher("/api/**", "/oversight", "/oversight.csv", "/oversight.xlsx")
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("noticeflow"))
        .addFilterBefore(new WebappSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                    (request, response, ex) -> {
                      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                      response.setHeader("WWW-Authenticate", "Basic realm=\"noticeflow\"");
                      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                      response
                          .getWriter()
                          .write(
                              "{\"status\":401,\"title\":\"Unauthorized\","
                                  + "\"detail\":\"请先登录 (authentication required)\"}");
                    }))
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }
}
