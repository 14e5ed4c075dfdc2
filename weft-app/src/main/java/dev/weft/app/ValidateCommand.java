package dev.weft.app;

import dev.weft.Weft;
import dev.weft.workflow.Problem;
import dev.weft.workflow.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weft validate WORKFLOW.json}. */
@Command(name = "validate", description = "Checks a workflow against the installed node types.",
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WORKFLOW.json", description = "the workflow file")
  Path file;

  @Override
  public Integer call() {
    Workflow workflow;
    try {
      workflow = WorkflowFiles.read(file);
    } catch (WorkflowFiles.BadInput e) {
      System.err.println("weft validate: " + e.getMessage());
      return 2;
    }
    try (Weft weft = Weft.create()) {
      List<Problem> problems = weft.validate(workflow);
      if (problems.isEmpty()) {
        System.out.println(file + ": valid (" + workflow.nodes().size() + " nodes)");
        return 0;
      }
      System.err.println(file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
      problems.forEach(p -> System.err.println("  - " + p));
      return 2;
    }
  }
}
