package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.NoticeflowProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The departments and units a notice can be sent to, read from a YAML file at start-up.
 *
 * <p>The directory is data, not code: every node reads the same file, so nothing here is
 * node-local state. {@code identity.IdentitySetup} turns it into Camunda groups.
 */
@Component
public class DepartmentDirectory {

  /** Group ids become parts of other ids (heads groups, user ids): keep them plain. */
  private static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  /** Ids the identity setup uses for its own groups; a department may not take them. */
  private static final Set<String> RESERVED_IDS =
      Set.of("office", "office-head", "leading-group", "supervisors", "camunda-admin");

  private static final Set<String> KINDS =
      Set.of("county-department", "financial-institution", "public-institution", "enterprise");

  private final Map<String, Department> departments;
  private final List<CommonActivity> commonActivities;

  public DepartmentDirectory(ResourceLoader resourceLoader, NoticeflowProperties properties) {
    DirectoryFile file = read(resourceLoader, properties.directory());
    this.departments = index(file.departments());
    this.commonActivities = List.copyOf(file.commonActivities());
  }

  private static DirectoryFile read(ResourceLoader resourceLoader, String location) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    try (InputStream in = resourceLoader.getResource(location).getInputStream()) {
      return yaml.readValue(in, DirectoryFile.class);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the department directory " + location, e);
    }
  }

  private static Map<String, Department> index(List<Department> list) {
    if (list == null || list.isEmpty()) {
      throw new IllegalStateException("The department directory lists no department");
    }
    Map<String, Department> byId = new LinkedHashMap<>();
    for (Department d : list) {
      String where = "Department directory entry " + d.id();
      if (d.id() == null || !ID_PATTERN.matcher(d.id()).matches()) {
        throw new IllegalStateException(where + ": id must match " + ID_PATTERN.pattern());
      }
      if (RESERVED_IDS.contains(d.id()) || d.id().endsWith("-heads")) {
        throw new IllegalStateException(where + ": id is reserved");
      }
      if (d.name() == null || d.name().isBlank()) {
        throw new IllegalStateException(where + ": name is missing");
      }
      if (!KINDS.contains(d.kind())) {
        throw new IllegalStateException(where + ": kind must be one of " + KINDS);
      }
      if (d.participation() == null) {
        throw new IllegalStateException(where + ": participation is missing");
      }
      if (d.email() == null || !d.email().contains("@")) {
        throw new IllegalStateException(where + ": email is missing or invalid");
      }
      if (byId.put(d.id(), d) != null) {
        throw new IllegalStateException(where + ": id is listed twice");
      }
    }
    return byId;
  }

  public Collection<Department> all() {
    return departments.values();
  }

  /** Orders department ids as the notice lists them (the directory's order); unknown ids last. */
  public java.util.Comparator<String> noticeOrder() {
    List<String> ids = allIds();
    return java.util.Comparator.comparingInt(id -> {
      int i = ids.indexOf(id);
      return i < 0 ? Integer.MAX_VALUE : i;
    });
  }

  public List<String> allIds() {
    return List.copyOf(departments.keySet());
  }

  public Optional<Department> find(String id) {
    return Optional.ofNullable(id).map(departments::get);
  }

  /**
   * A department by its id or by its name exactly as the directory spells it (县交通局): the
   * office chooses recipients by name, scripts by id.
   */
  public Optional<Department> findByIdOrName(String idOrName) {
    if (idOrName == null) {
      return Optional.empty();
    }
    String key = idOrName.strip();
    Department byId = departments.get(key);
    if (byId != null) {
      return Optional.of(byId);
    }
    return departments.values().stream().filter(d -> d.name().equals(key)).findFirst();
  }

  public Department require(String id) {
    return find(id)
        .orElseThrow(() -> new IllegalArgumentException("Unknown department id: " + id));
  }

  public boolean contains(String id) {
    return departments.containsKey(id);
  }

  public List<CommonActivity> commonActivities() {
    return commonActivities;
  }

  /** What a department is asked to do, as the text its task forms show. */
  public String assignedActivitiesText(Department department) {
    StringBuilder text = new StringBuilder("共同活动（通知第三部分）：\n");
    commonActivities.forEach(a -> text.append(a.code()).append(' ').append(a.title()).append('\n'));
    if (!department.activities().isEmpty()) {
      text.append("本部门主要活动（通知第四部分）：\n");
      int n = 1;
      for (String activity : department.activities()) {
        text.append(n++).append(". ").append(activity).append('\n');
      }
    }
    return text.toString().strip();
  }

  public Set<String> unknownIds(Collection<String> ids) {
    return ids.stream().filter(id -> !departments.containsKey(id)).collect(Collectors.toSet());
  }

  record DirectoryFile(List<CommonActivity> commonActivities, List<Department> departments) {}
}
