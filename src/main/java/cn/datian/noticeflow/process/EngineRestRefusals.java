package cn.datian.noticeflow.process;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refused input through Camunda's REST API answers 400, not 500.
 *
 * <p>Camunda's REST resources wrap every engine exception of some calls in a 500 (starting a
 * process: {@code POST /process-definition/key/{key}/start}), even when the engine says the caller
 * is at fault: a start listener's {@link FormFieldValidationException} (a notice with invalid
 * fields; an urge too soon) or a {@link BadUserRequestException} (an object variable of a type that
 * is not allowed). The same refusal answers 400 through {@code submit-form}. This mapper takes
 * precedence over Camunda's own for {@link RestException} and answers such a refusal with 400 and
 * the engine's message alone, in Camunda's error format; everything else it hands back to Camunda's
 * handling unchanged.
 */
@Configuration
public class EngineRestRefusals {

  @Bean
  ResourceConfigCustomizer engineRestRefusalMapper() {
    return config -> config.register(RefusalMapper.class);
  }

  @Priority(1) // before Camunda's RestExceptionHandler (default priority 5000)
  public static class RefusalMapper implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException exception) {
      Throwable refusal = refusalIn(exception);
      if (refusal == null
          || exception.getStatus() == null
          || exception.getStatus().getStatusCode() < 500) {
        return ExceptionHandlerHelper.getInstance().getResponse(exception);
      }
      ExceptionDto dto = new ExceptionDto();
      dto.setType("InvalidRequestException");
      dto.setMessage(refusal.getMessage());
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(dto)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }

    private static Throwable refusalIn(Throwable e) {
      for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof FormFieldValidationException || t instanceof BadUserRequestException) {
          return t;
        }
      }
      return null;
    }
  }
}
