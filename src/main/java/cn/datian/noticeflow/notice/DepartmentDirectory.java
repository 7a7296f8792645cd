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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
  private final ObjectProvider<Source> sources;
  /** The extra recipients as last read, with the snapshot they came from (reloaded when it changes). */
  private volatile Extra extra = new Extra(null, Map.of(), List.of());

  /**
   * Recipients the office keeps in the application next to the file's departments: individual
   * enterprises ({@code directory.EnterpriseDirectory}). Its snapshot is re-read on every call
   * (it checks a version row, as cheaply as it can), so every node sees a change at once.
   */
  public interface Source {
    /** The current recipients; the same object as long as nothing changed. */
    Object snapshot();

    /** The active recipients: they may be sent new notices. */
    List<Department> recipients(Object snapshot);

    /** Deactivated ones: found (their history stays readable), never sent new notices. */
    default List<Department> former(Object snapshot) {
      return List.of();
    }
  }

  /** byId holds active and former recipients; ids only the active ones. */
  private record Extra(Object snapshot, Map<String, Department> byId, List<String> ids) {}

  public DepartmentDirectory(ResourceLoader resourceLoader, NoticeflowProperties properties) {
    this(resourceLoader, properties, null);
  }

  @Autowired
  public DepartmentDirectory(ResourceLoader resourceLoader, NoticeflowProperties properties, ObjectProvider<Source> sources) {
    DirectoryFile file = read(resourceLoader, properties.directory());
    this.departments = index(file.departments());
    this.commonActivities = List.copyOf(file.commonActivities());
    this.sources = sources;
  }

  private Extra extra() {
    Source source = sources == null ? null : sources.getIfAvailable();
    if (source == null) {
      return extra;
    }
    Object snapshot = source.snapshot();
    Extra current = extra;
    if (current.snapshot() != snapshot) {
      Map<String, Department> byId = new LinkedHashMap<>();
      for (Department d : source.recipients(snapshot)) {
        if (!departments.containsKey(d.id())) {
          byId.put(d.id(), d);
        }
      }
      List<String> active = List.copyOf(byId.keySet());
      for (Department d : source.former(snapshot)) {
        if (!departments.containsKey(d.id())) {
          byId.putIfAbsent(d.id(), d);
        }
      }
      current = new Extra(snapshot, Map.copyOf(byId), active);
      extra = current;
    }
    return current;
  }

  /**
   * The individual enterprises the office keeps in the application (active ones), each a
   * recipient of its own; {@link #all()} stays the file's departments and units.
   */
  public List<Department> enterprises() {
    Extra e = extra();
    return e.ids().stream().map(e.byId()::get).toList();
  }

  /** Every enterprise the application knows, deactivated ones included (for history). */
  public List<Department> enterprisesWithFormer() {
    return List.copyOf(extra().byId().values());
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
    List<String> enterprises = extra().ids();
    return java.util.Comparator.comparingInt(id -> {
      int i = ids.indexOf(id);
      if (i >= 0) {
        return i;
      }
      int e = enterprises.indexOf(id); // individual enterprises after the departments
      return e < 0 ? Integer.MAX_VALUE : ids.size() + e;
    });
  }

  public List<String> allIds() {
    return List.copyOf(departments.keySet());
  }

  public Optional<Department> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Department d = departments.get(id);
    return d != null ? Optional.of(d) : Optional.ofNullable(extra().byId().get(id));
  }

  public Department require(String id) {
    return find(id)
        .orElseThrow(() -> new IllegalArgumentException("Unknown department id: " + id));
  }

  /** A recipient a notice may be sent to now (a deactivated enterprise is found, but not contained). */
  public boolean contains(String id) {
    return id != null && (departments.containsKey(id) || extra().ids().contains(id));
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
    return ids.stream().filter(id -> !contains(id)).collect(Collectors.toSet());
  }

  record DirectoryFile(List<CommonActivity> commonActivities, List<Department> departments) {}
}
