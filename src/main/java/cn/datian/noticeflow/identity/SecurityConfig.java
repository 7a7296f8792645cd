package cn.datian.noticeflow.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>{@code /api/**}, the project's own API, its OpenAPI document ({@code /v3/api-docs}) and the
 *       board ({@code /oversight/**}): HTTP Basic against Camunda's users, or the Tasklist session
 *       of a logged-in user (with the webapp's CSRF token for changes).
 *   <li>{@code /engine-rest/**}, Camunda's REST API: Camunda's own basic-auth filter, which also
 *       hands the user to the engine so its authorization checks apply.
 *   <li>{@code /camunda/**}, the webapps: they log users in themselves; Spring Security stays out
 *       of their way (no chain matches them).
 * </ul>
 *
 * <p><b>One session.</b> The HTTP session belongs to the Camunda webapps: their login creates it
 * and rotates its id (AuthenticationUtil.revalidateSession, their session-fixation protection).
 * This chain only <em>reads</em> it, on every request, and keeps no security context of its own
 * (stateless). Spring Security's session management must not treat that read as a login: by default
 * it would see an authenticated user that is not in its (request-scoped) context repository,
 * conclude "just logged in" and change the session id (session fixation protection), on every
 * {@code /api} call. The new id came without SameSite (Tomcat, outside Camunda's cookie filter),
 * and parallel calls of an embedded form, or Tasklist's own calls, still carrying the old id found
 * no session: 401 and a browser's Basic login pop-up. Hence {@code sessionFixation().none()}.
 */
@Configuration
public class SecurityConfig {

  static final String REALM = "noticeflow";

  /** Where a browser without a session is sent when it asks for a page of the board. */
  static final String LOGIN_PAGE = "/camunda/app/tasklist/";

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
    return http.securityMatcher(
            "/api/**",
            "/oversight",
            "/oversight/**",
            "/oversight.csv",
            "/oversight.xlsx",
            "/directory",
            "/directory/**",
            // the API's OpenAPI document (web.ApiDocs): for logged-in users, like the API
            "/v3/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint()))
        .addFilterBefore(new WebappSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            s ->
                s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                    .sessionFixation(f -> f.none()))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()))
        .build();
  }

  /**
   * Unauthenticated: a browser gets no Basic challenge (it would open its native login pop-up over
   * Tasklist); a page of the board is redirected to Tasklist's login, anything else gets a 401 JSON
   * problem. A script gets the same 401 plus {@code WWW-Authenticate: Basic}.
   */
  static AuthenticationEntryPoint entryPoint() {
    return (request, response, ex) -> {
      boolean browser = BrowserRequests.isBrowser(request);
      if (browser
          && BrowserRequests.wantsPage(request)
          && !request.getRequestURI().startsWith("/api/")) {
        // the board and the directory's pages: log in through Tasklist
        response.sendRedirect(LOGIN_PAGE);
        return;
      }
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      if (!browser) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
      }
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write(
              "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"请先登录 (authentication required)\"}");
    };
  }

  /**
   * Tells a browser from a script, from what browsers send and scripts (curl, HTTP clients)
   * normally do not: an XHR marker ({@code X-Requested-With}, AngularJS and jQuery set it), the
   * Fetch Metadata headers every current browser adds ({@code Sec-Fetch-*}), an {@code Origin}, a
   * cookie of the webapps (an expired session), or an {@code Accept} asking for HTML. A script that
   * sets none of these is told Basic is accepted; one that sends credentials is never asked.
   */
  static final class BrowserRequests {
    private static final List<String> MARKERS =
        List.of("X-Requested-With", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-Dest", "Origin");

    private BrowserRequests() {}

    static boolean isBrowser(HttpServletRequest request) {
      if (MARKERS.stream().anyMatch(h -> request.getHeader(h) != null)) {
        return true;
      }
      String cookie = request.getHeader(HttpHeaders.COOKIE);
      if (cookie != null && (cookie.contains("JSESSIONID=") || cookie.contains("XSRF-TOKEN="))) {
        return true;
      }
      return wantsPage(request);
    }

    static boolean wantsPage(HttpServletRequest request) {
      String accept = request.getHeader(HttpHeaders.ACCEPT);
      return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
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
