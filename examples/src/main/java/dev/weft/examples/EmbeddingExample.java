package dev.weft.examples;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A host application: builds one workflow in code, loads another from JSON, runs both and prints the results.
 * Run with {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.weft.examples.EmbeddingExample}.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /** Runs both workflows; the optional argument is the JSON workflow's path. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/workflows/orders.json");
    try (Weft weft = Weft.create()) { // finds the utility nodes and the example pack on the classpath
      for (ExecutionResult result : runBoth(weft, file)) {
        System.out.println(result.status() + " " + result.output());
      }
    }
  }

  /** Runs the workflow built in code and the one loaded from {@code file}. */
  public static List<ExecutionResult> runBoth(Weft weft, Path file) throws IOException {
    Workflow built = Workflow.builder("greet people")
        .node("Start", "weft.manualTrigger")
        .node("Greet", "acme.greeting", Map.of("name", "{{ $json.name }}", "language", "de"))
        .node("Keep greeting", "weft.set", Map.of("mode", "manual", "include", "none",
            "fields", List.of(Map.of("name", "text", "value", "{{ $json.greeting }}"))))
        .chain("Start", "Greet", "Keep greeting")
        .build();
    ExecutionResult first = weft.run(built, List.of(Item.of("name", "Ada"), Item.of("name", "Grace")));

    Workflow loaded = Workflow.fromFile(file);
    ExecutionResult second = weft.run(loaded);
    return List.of(first, second);
  }
}
