package cn.datian.noticeflow.mail;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a message's subject, HTML and plain text from templates/mail/{kind}.html and {kind}.txt
 * (Chinese). The subject is the HTML template's title.
 */
@Component
public class MailComposer {

  private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
  private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");
  private final TemplateEngine subject = engine(TemplateMode.TEXT, ".subject.txt");

  private static TemplateEngine engine(TemplateMode mode, String suffix) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    TemplateEngine engine = new SpringTemplateEngine(); // SpEL expressions, no OGNL needed
    engine.setTemplateResolver(resolver);
    return engine;
  }

  public record Rendered(String subject, String text, String html) {}

  public Rendered render(MailKind kind, Map<String, Object> model) {
    Context context = new Context();
    context.setVariables(model);
    return new Rendered(
        subject.process(kind.template(), context).strip(),
        text.process(kind.template(), context),
        html.process(kind.template(), context));
  }
}
