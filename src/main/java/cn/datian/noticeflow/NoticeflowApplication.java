package cn.datian.noticeflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NoticeflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(NoticeflowApplication.class, args);
  }
}
