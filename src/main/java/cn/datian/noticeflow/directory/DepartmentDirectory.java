package cn.datian.noticeflow.directory;

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
 * The departments and units a notice can be sent to. The YAML file seeds the office's own directory
 * on the first start ({@code directory.DepartmentService}); from then on the office keeps them in
 * the application, with the individual enterprises ({@link Source}).
 *
 * <p>The directory is data, not code: every node reads the same file, so nothing here is node-local
 * state. {@code identity.IdentitySetup} turns it into Camunda groups.
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

  /**
   * The departments and units of the file: what the directory is without a source (and its seed).
   */
  private final Map<String, Department> fileDepartments;

  private final List<CommonActivity> commonActivities;
  private final ObjectProvider<Source> sources;

  /**
   * What the source gave as last read, with the snapshot it came from (rebuilt when that changes).
   */
  private volatile Extra extra;

  /**
   * Recipients the office keeps in the application ({@code directory.DirectorySource}): the
   * departments and units themselves once the file has seeded them, and individual enterprises. Its
   * snapshot is re-read on every call (it checks a version row, as cheaply as it can), so every
   * node sees a change at once.
   */
  public interface Source {
    /** The current recipients; the same object as long as nothing changed. */
    Object snapshot();

    /** The active individual enterprises: they may be sent new notices. */
    List<Department> recipients(Object snapshot);

    /** Deactivated enterprises: found (their history stays readable), never sent new notices. */
    default List<Department> former(Object snapshot) {
      return List.of();
    }

    /** The active departments and units in the notice's order; null: the file's. */
    default List<Department> departments(Object snapshot) {
      return null;
    }

    /** Deactivated departments: found for their history, never sent new notices. */
    default List<Department> formerDepartments(Object snapshot) {
      return List.of();
    }
  }

  /**
   * @param departments the active departments and units, in order
   * @param others everything else that is found by id: enterprises (active or not) and deactivated
   *     departments
   * @param enterpriseIds the active enterprises, in order
   */
  private record Extra(
      Object snapshot,
      Map<String, Department> departments,
      Map<String, Department> others,
      List<String> enterpriseIds) {}

  public DepartmentDirectory(ResourceLoader resourceLoader, NoticeflowProperties properties) {
    this(resourceLoader, properties, null);
  }

  @Autowired
  public DepartmentDirectory(
      ResourceLoader resourceLoader,
      NoticeflowProperties properties,
      ObjectProvider<Source> sources) {
    DirectoryFile file = read(resourceLoader, properties.directory());
    this.fileDepartments = index(file.departments());
    this.commonActivities = List.copyOf(file.commonActivities());
    this.sources = sources;
    this.extra = new Extra(null, fileDepartments, Map.of(), List.of());
  }

  private Extra extra() {
    Source source = sources == null ? null : sources.getIfAvailable();
    if (source == null) {
      return extra;
    }
    Object snapshot = source.snapshot();
    Extra current = extra;
    if (current.snapshot() != snapshot) {
      List<Department> managed = source.departments(snapshot);
      Map<String, Department> departments =
          managed == null ? fileDepartments : new LinkedHashMap<>();
      if (managed != null) {
        managed.forEach(d -> departments.put(d.id(), d));
      }
      Map<String, Department> others = new LinkedHashMap<>();
      for (Department d : source.recipients(snapshot)) {
        if (!departments.containsKey(d.id())) {
          others.put(d.id(), d);
        }
      }
      List<String> enterpriseIds = List.copyOf(others.keySet());
      for (Department d : source.former(snapshot)) {
        if (!departments.containsKey(d.id())) {
          others.putIfAbsent(d.id(), d);
        }
      }
      for (Department d : source.formerDepartments(snapshot)) {
        if (!departments.containsKey(d.id())) {
          others.putIfAbsent(d.id(), d);
        }
      }
      current =
          new Extra(
              snapshot, java.util.Collections.unmodifiableMap(departments), others, enterpriseIds);
      extra = current;
    }
    return current;
  }

  /** The departments and units as the file lists them: the seed of the directory's first start. */
  public List<Department> fileDepartments() {
    return List.copyOf(fileDepartments.values());
  }

  /**
   * The individual enterprises the office keeps in the application (active ones), each a recipient
   * of its own; {@link #all()} stays the departments and units.
   */
  public List<Department> enterprises() {
    Extra e = extra();
    return e.enterpriseIds().stream().map(e.others()::get).toList();
  }

  /** Every enterprise the application knows, deactivated ones included (for history). */
  public List<Department> enterprisesWithFormer() {
    return extra().others().values().stream().filter(d -> "enterprise".equals(d.kind())).toList();
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

  /** The active departments and units (a deactivated one receives no new notices). */
  public Collection<Department> all() {
    return extra().departments().values();
  }

  /** Orders department ids as the notice lists them (the directory's order); unknown ids last. */
  public java.util.Comparator<String> noticeOrder() {
    List<String> ids = allIds();
    List<String> enterprises = extra().enterpriseIds();
    return java.util.Comparator.comparingInt(
        id -> {
          int i = ids.indexOf(id);
          if (i >= 0) {
            return i;
          }
          int e = enterprises.indexOf(id); // individual enterprises after the departments
          return e < 0 ? Integer.MAX_VALUE : ids.size() + e;
        });
  }

  public List<String> allIds() {
    return List.copyOf(extra().departments().keySet());
  }

  public Optional<Department> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Extra e = extra();
    Department d = e.departments().get(id);
    return d != null ? Optional.of(d) : Optional.ofNullable(e.others().get(id));
  }

  /**
   * An active recipient by its id or by its name exactly as the directory spells it (县交通局): the
   * office chooses recipients by name, scripts by id.
   */
  public Optional<Department> findByIdOrName(String idOrName) {
    if (idOrName == null) {
      return Optional.empty();
    }
    String key = idOrName.strip();
    if (contains(key)) { // active only: a deactivated department receives no new notice
      return find(key);
    }
    return java.util.stream.Stream.concat(all().stream(), enterprises().stream())
        .filter(d -> d.name().equals(key))
        .findFirst();
  }

  public Department require(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown department id: " + id));
  }

  /** A recipient a notice may be sent to now (a deactivated one is found, but not contained). */
  public boolean contains(String id) {
    Extra e = extra();
    return id != null && (e.departments().containsKey(id) || e.enterpriseIds().contains(id));
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
