package dev.weft.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command. Exit codes: 0 success, 1 a failed execution, 2 invalid input (a broken workflow, bad
 * arguments).
 */
@Command(
    name = "weft",
    mixinStandardHelpOptions = true,
    versionProvider = WeftCli.Version.class,
    description = "Weft, an embeddable workflow engine for the JVM.",
    subcommands = {RunCommand.class, ValidateCommand.class, NodesCommand.class, N8nCommand.class,
        dev.weft.server.ServeCommand.class, QueueMode.Main.class, QueueMode.Webhook.class,
        QueueMode.Worker.class})
public final class WeftCli {

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new WeftCli());
    cli.setExpandAtFiles(false); // --input @file is ours to read; picocli would expand it as an argument file
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("weft: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("weft: " + e.getMessage());
      return 2;
    });
    return cli.execute(args);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = WeftCli.class.getPackage().getImplementationVersion();
      return new String[] {"weft " + (v == null ? "development build" : v) + " (SPI " + dev.weft.spi.WeftSpi.VERSION + ")"};
    }
  }
}
