package dev.weft.app;

import dev.weft.n8n.N8nCli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weft n8n import FILE} and {@code weft n8n check DIR}. */
@Command(name = "n8n", description = "Imports n8n workflows and checks Weft against n8n's workflow fixtures.",
    mixinStandardHelpOptions = true, subcommands = {N8nCommand.Import.class, N8nCommand.Check.class})
final class N8nCommand {

  /** {@code weft n8n import FILE}. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Prints the Weft workflow for an n8n workflow file, or every problem that keeps it from importing "
          + "(exit code 2).")
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "an n8n workflow JSON file")
    Path file;

    @Override
    public Integer call() {
      return N8nCli.importFile(file, System.out, System.err);
    }
  }

  /** {@code weft n8n check DIR}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Runs every n8n fixture in DIR and judges it as n8n's own tests do; ends with "
          + "'N passed, M failed, K skipped' (exit code 1 when any failed).")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a folder of n8n workflow fixtures")
    Path dir;

    @Override
    public Integer call() {
      return N8nCli.check(dir, System.out, System.err);
    }
  }
}
