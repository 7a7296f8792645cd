package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.identity.Groups;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo directory's thirty example enterprises (marked 示例, {@code example = true}), stored on
 * the first start only (when the table is empty), each with a demo clerk ({@code <id>-clerk},
 * password demo) when demo users are on.
 */
@Component
@Order(20)
public class ExampleEnterprises implements ApplicationRunner {

  static final List<String> INDUSTRIES = List.of("机械制造", "食品加工", "建材", "茶叶", "矿产", "电子");
  static final List<String> TOWNS = List.of("均溪镇", "石牌镇", "上京镇", "广平镇", "桃源镇", "太华镇");
  private static final List<String> KINDS = List.of("机械", "食品", "建材", "茶业", "矿业", "电子");

  private final EnterpriseDirectory enterprises;
  private final JdbcTemplate jdbc;
  private final IdentityService identityService;
  private final boolean enabled;
  private final boolean demoUsers;

  public ExampleEnterprises(
      EnterpriseDirectory enterprises,
      JdbcTemplate jdbc,
      IdentityService identityService,
      @Value("${noticeflow.demo.example-enterprises:false}") boolean enabled,
      @Value("${noticeflow.demo.users:false}") boolean demoUsers) {
    this.enterprises = enterprises;
    this.jdbc = jdbc;
    this.identityService = identityService;
    this.enabled = enabled;
    this.demoUsers = demoUsers;
  }

  /** Thirty made-up enterprises with valid credit codes (大田县 is 350425). */
  public static List<EnterpriseDirectory.Enterprise> examples() {
    List<EnterpriseDirectory.Enterprise> list = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      String first17 = "91350425" + "MA" + String.format("%07d", 3100000 + i * 37);
      String code = first17 + CreditCode.checkChar(first17);
      String kind = KINDS.get(i % KINDS.size());
      list.add(
          new EnterpriseDirectory.Enterprise(
              EnterpriseDirectory.idOf(code),
              "大田县示例" + kind + "第" + i + "有限公司（示例）",
              code,
              INDUSTRIES.get(i % INDUSTRIES.size()),
              TOWNS.get((i / 2) % TOWNS.size()),
              "示例联系人" + i,
              "0598-72" + String.format("%05d", i),
              "example" + i + "@enterprise.example.cn",
              true,
              true));
    }
    return list;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!enabled
        || jdbc.queryForObject("select count(*) from directory_enterprise", Long.class) > 0) {
      return;
    }
    List<EnterpriseDirectory.Enterprise> examples = examples();
    enterprises.apply(examples, false, "system", "示例企业");
    if (demoUsers) {
      for (EnterpriseDirectory.Enterprise e : examples) {
        String id = DemoUsers.clerkOf(e.id());
        if (identityService.createUserQuery().userId(id).count() == 0) {
          User user = identityService.newUser(id);
          user.setFirstName(e.name());
          user.setLastName("联络员");
          user.setEmail(e.email());
          user.setPassword(DemoUsers.PASSWORD);
          identityService.saveUser(user);
          identityService.createMembership(id, e.id());
          identityService.createMembership(id, Groups.DEPARTMENT_STAFF);
        }
      }
    }
  }
}
