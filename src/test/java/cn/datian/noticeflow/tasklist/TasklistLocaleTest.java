package cn.datian.noticeflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tasklist's Chinese locale translates every string of the English one that Camunda ships. */
class TasklistLocaleTest {

  static final String LOCALES = "META-INF/resources/webjars/camunda/app/tasklist/locales/";

  @Test
  void zhHasEveryKeyOfEn_translated() throws IOException {
    Map<String, String> en = flatten(read("en.json"));
    Map<String, String> zh = flatten(read("zh.json"));
    assertThat(en).hasSizeGreaterThan(400); // the webjar's own file, not a copy of ours
    assertThat(zh.keySet()).isEqualTo(en.keySet());

    List<String> untranslated = new ArrayList<>();
    zh.forEach(
        (key, value) -> {
          boolean hasLetters = en.get(key).chars().anyMatch(Character::isLetter);
          if (hasLetters
              && value.equals(en.get(key))
              && !key.startsWith("dateLocales")
              && !key.equals("labels.APP_VENDOR")) {
            untranslated.add(key);
          }
        });
    assertThat(untranslated).isEmpty();
    assertThat(zh).containsEntry("labels.CLAIM_TASK", "认领");
    // placeholders survive translation
    en.forEach(
        (key, value) -> {
          for (var m = java.util.regex.Pattern.compile("\\{\\{\\s*[\\w.]+\\s*}}").matcher(value);
              m.find(); ) {
            assertThat(zh.get(key).replace(" ", "")).as(key).contains(m.group().replace(" ", ""));
          }
        });
  }

  private static JsonNode read(String file) throws IOException {
    try (InputStream in =
        TasklistLocaleTest.class.getClassLoader().getResourceAsStream(LOCALES + file)) {
      assertThat(in).as(file).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
      return new ObjectMapper().readTree(text);
    }
  }

  private static Map<String, String> flatten(JsonNode node) {
    Map<String, String> flat = new TreeMap<>();
    flatten("", node, flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), flat);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), flat);
      }
    } else {
      flat.put(prefix, node.asText());
    }
  }
}
