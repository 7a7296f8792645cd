package cn.datian.noticeflow.directory;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.startup.IdentitySetup;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The directory carries the seed notice's recipients, and becomes Camunda groups once. */
class DepartmentDirectoryTest extends ProcessTestSupport {

  @Autowired DepartmentDirectory directory;
  @Autowired IdentitySetup identitySetup;

  @Test
  void directory_holdsTheRecipientsOfTheNoticesOpeningLine() {
    assertThat(directory.all())
        .extracting(Department::name)
        .containsExactly(
            "县发改局",
            "县科技局",
            "县工信局",
            "县公安局",
            "县生态环境局",
            "县住建局",
            "县交通局",
            "县农业农村局",
            "县商务局",
            "县文化和旅游局",
            "县卫健局",
            "县自然资源局",
            "县水利局",
            "县教育局",
            "县国资委",
            "人行大田县支行",
            "县市场监管局",
            "县市场监管局直属事业单位",
            "各有关企业");
    // section 五: enterprises take part voluntarily, nobody else may decline
    assertThat(directory.all())
        .filteredOn(Department::isVoluntary)
        .extracting(Department::id)
        .containsExactly("enterprises");
    assertThat(directory.commonActivities()).hasSize(5);
    // section 四 assigns the bank its financial-literacy month, the police the "昆仑2021" action
    assertThat(directory.require("pboc-datian").activities()).anyMatch(a -> a.contains("金融知识普及月"));
    assertThat(directory.require("public-security").activities())
        .anyMatch(a -> a.contains("昆仑2021"));
    assertThat(directory.require("market-regulation").activities()).hasSize(9);
    assertThat(directory.require("education").activities()).isEmpty();
  }

  @Test
  void identitySetup_isIdempotent_groupsAreNeverDuplicated() {
    long groups = identityService.createGroupQuery().count();
    long grants = processEngine.getAuthorizationService().createAuthorizationQuery().count();

    identitySetup.apply();
    identitySetup.apply();

    assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
    assertThat(processEngine.getAuthorizationService().createAuthorizationQuery().count())
        .isEqualTo(grants);
    for (String id :
        List.of(
            "transport",
            "transport-heads",
            "office",
            "office-head",
            "leading-group",
            "supervisors")) {
      assertThat(identityService.createGroupQuery().groupId(id).count()).as(id).isEqualTo(1);
    }
    assertThat(identityService.createGroupQuery().groupId("transport").singleResult().getName())
        .isEqualTo("县交通局");
  }
}
