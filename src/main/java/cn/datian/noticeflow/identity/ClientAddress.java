package cn.datian.noticeflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address a request came from, for the engine's login checks to log: the engine checks
 * passwords far from any request (Camunda's REST filter, the webapps' login, our API), so the
 * address travels with the thread. Behind a proxy, {@code server.forward-headers-strategy} makes it
 * the client's.
 */
@Configuration
public class ClientAddress {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  /** The current request's client address, or "-" outside a request. */
  public static String current() {
    String address = CURRENT.get();
    return address == null ? "-" : address;
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> clientAddressFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                CURRENT.set(request.getRemoteAddr());
                try {
                  chain.doFilter(request, response);
                } finally {
                  CURRENT.remove();
                }
              }
            });
    registration.setName("client-address");
    registration.addUrlPatterns("/*");
    // before every filter that may check a password (Spring Security's, Camunda's REST filter)
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
