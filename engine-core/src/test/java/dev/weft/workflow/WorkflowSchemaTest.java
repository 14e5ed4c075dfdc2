package dev.weft.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON Schema shipped in the jar describes what the reader accepts. */
class WorkflowSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonSchema schema() throws Exception {
    try (InputStream in = Workflow.class.getResourceAsStream("/dev/weft/workflow/workflow.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(in));
    }
  }

  @Test
  void theDocumentedExampleIsValid() throws Exception {
    String doc = Files.readString(Path.of("../docs/workflow-format.md"));
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).isTrue();
    JsonNode example = MAPPER.readTree(m.group(1));
    assertThat(schema().validate(example)).isEmpty();
    assertThat(Workflow.fromJson(m.group(1)).nodes()).hasSize(3);
  }

  @Test
  void whatTheReaderRejectsTheSchemaRejects() throws Exception {
    JsonNode bad = MAPPER.readTree("""
        {"name": "x", "nodes": [{"name": "A", "type": "weft.noOp", "onError": "ignore", "extra": 1}],
         "connections": [{"from": "A"}], "colour": "red"}
        """);
    Set<ValidationMessage> messages = schema().validate(bad);
    assertThat(messages).extracting(ValidationMessage::getMessage).anySatisfy(s -> assertThat(s).contains("onError"))
        .anySatisfy(s -> assertThat(s).contains("extra"))
        .anySatisfy(s -> assertThat(s).contains("to"))
        .anySatisfy(s -> assertThat(s).contains("colour"));
  }
}
