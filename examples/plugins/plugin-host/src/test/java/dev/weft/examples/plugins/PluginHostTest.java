package dev.weft.examples.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.plugin.PluginInfo;
import dev.weft.plugin.PluginStatus;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds on the reactor having packaged the three plugin zips (the utility pack and the two examples) into
 * {@code target/plugins}; each test copies them into its own folder, as an operator would.
 */
class PluginHostTest {
  private static final Path BUILT = Path.of(System.getProperty("plugins.folder", "target/plugins"));
  private static final Path WORKFLOW = Path.of("workflows/compare-names.json");

  @TempDir
  Path plugins;

  @BeforeEach
  void dropZipsIntoTheFolder() throws IOException {
    try (Stream<Path> zips = Files.list(BUILT)) {
      for (Path zip : (Iterable<Path>) zips.filter(p -> p.toString().endsWith(".zip"))::iterator) {
        Files.copy(zip, plugins.resolve(zip.getFileName()));
      }
    }
  }

  private static List<Item> people() {
    return List.of(Item.of("name", "ada LOVELACE", "expected", "Ada Lovelace"),
        Item.of("name", "grace hopper", "expected", "Grace Murray Hopper"));
  }

  @Test
  void theHostLoadsEveryPluginOfTheFolderAndRunsAWorkflowThroughBothExamples() throws IOException {
    try (Weft weft = PluginHost.engine(plugins)) {
      assertThat(weft.plugins().list()).extracting(PluginInfo::id, PluginInfo::status, PluginInfo::error)
          .containsExactly(
              tuple("example-text-case", PluginStatus.STARTED, null),
              tuple("example-text-similarity", PluginStatus.STARTED, null),
              tuple("weft-utility", PluginStatus.STARTED, null));

      ExecutionResult result = weft.run(Workflow.fromFile(WORKFLOW), people());

      assertThat(result.status()).as("%s", result.error()).isEqualTo(ExecutionStatus.SUCCESS);
      List<Map<String, Object>> out = new ArrayList<>();
      result.items("Compare").forEach(i -> out.add(i.json()));
      assertThat(out).hasSize(2);
      assertThat(out.get(0)).containsEntry("display", "Ada Lovelace").containsEntry("similarity", 1.0)
          .containsEntry("distance", 0);
      assertThat(out.get(1)).containsEntry("display", "Grace Hopper").containsEntry("distance", 7);
      assertThat((Double) out.get(1).get("similarity")).isBetween(0.5, 0.99);
    }
  }

  @Test
  void eachExamplePluginBundlesItsOwnCommonsTextAndTheHostHasNone() throws IOException {
    String caseLib = onlyCommonsText(plugins.resolve("example-plugin-text-case-plugin.zip"));
    String similarityLib = onlyCommonsText(plugins.resolve("example-plugin-text-similarity-plugin.zip"));

    assertThat(caseLib).isNotEqualTo(similarityLib);
    // the similarity node calls SimilarityInput, which the text-case plugin's version does not have: in one flat
    // class path one of the two nodes would break
    assertThat(hasClass(plugins.resolve("example-plugin-text-case-plugin.zip"), caseLib,
        "org/apache/commons/text/similarity/SimilarityInput.class")).isFalse();
    assertThat(hasClass(plugins.resolve("example-plugin-text-similarity-plugin.zip"), similarityLib,
        "org/apache/commons/text/similarity/SimilarityInput.class")).isTrue();
    assertThatThrownBy(() -> Class.forName("org.apache.commons.text.CaseUtils"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void stoppingAPluginTakesItsNodeTypeAwayFromNewExecutionsAndStartingBringsItBack() throws IOException {
    Workflow workflow = Workflow.fromFile(WORKFLOW);
    try (Weft weft = PluginHost.engine(plugins)) {
      weft.plugins().stop("example-text-similarity");
      assertThat(weft.validate(workflow)).extracting(Object::toString)
          .anySatisfy(problem -> assertThat(problem).contains("example.similarity"));

      weft.plugins().start("example-text-similarity");
      assertThat(weft.validate(workflow)).isEmpty();
      assertThat(weft.run(workflow, people()).status()).isEqualTo(ExecutionStatus.SUCCESS);
    }
  }

  @Test
  void theUtilityPackRunsAsAPluginWithItsOwnLibraries() {
    // Convert to File and Extract from File use Apache POI, which only the utility plugin's lib/ folder has
    Workflow roundTrip = Workflow.builder("xlsx round trip")
        .node("Start", "weft.manualTrigger")
        .node("To xlsx", "weft.convertToFile", Map.of("operation", "xlsx"))
        .node("From xlsx", "weft.extractFromFile", Map.of("operation", "xlsx"))
        .chain("Start", "To xlsx", "From xlsx")
        .build();
    try (Weft weft = PluginHost.engine(plugins)) {
      ExecutionResult result = weft.run(roundTrip, people());

      assertThat(result.status()).as("%s", result.error()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(result.items("From xlsx")).extracting(i -> i.json().get("name"))
          .containsExactly("ada LOVELACE", "grace hopper");
    }
    assertThatThrownBy(() -> Class.forName("org.apache.poi.xssf.usermodel.XSSFWorkbook"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  private static String onlyCommonsText(Path zip) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<String> libs = file.stream().map(ZipEntry::getName)
          .filter(n -> n.startsWith("lib/commons-text-")).toList();
      assertThat(libs).as("commons-text jars in %s", zip.getFileName()).hasSize(1);
      return libs.get(0);
    }
  }

  private static boolean hasClass(Path zip, String jarEntry, String classEntry) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile());
        ZipInputStream jar = new ZipInputStream(file.getInputStream(file.getEntry(jarEntry)))) {
      for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
        if (e.getName().equals(classEntry)) {
          return true;
        }
      }
      return false;
    }
  }
}
