package dev.weft.app;

import dev.weft.Weft;
import dev.weft.internal.Jackson;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft nodes [--json]}. */
@Command(name = "nodes", description = "Lists the installed node types with their parameters.",
    mixinStandardHelpOptions = true)
final class NodesCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print the descriptors as JSON")
  boolean json;

  @Override
  public Integer call() {
    try (Weft weft = Weft.create()) {
      List<NodeDescriptor> types = weft.nodeTypes();
      if (json) {
        System.out.println(Jackson.writePretty(types.stream().map(NodesCommand::toMap).toList()));
        return 0;
      }
      for (NodeDescriptor d : types) {
        System.out.println(d.type() + " v" + d.version() + "  " + d.displayName() + " — " + d.description());
        for (ParameterSpec p : d.parameters()) {
          System.out.println("    " + p.name() + " (" + p.type().name().toLowerCase(java.util.Locale.ROOT)
              + (p.required() ? ", required" : "") + (p.defaultValue() != null ? ", default " + p.defaultValue() : "")
              + ")" + (p.description().isEmpty() ? "" : "  " + p.description()));
        }
      }
      return 0;
    }
  }

  static Map<String, Object> toMap(NodeDescriptor d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", d.type());
    m.put("version", d.version());
    m.put("displayName", d.displayName());
    m.put("group", d.group());
    m.put("description", d.description());
    List<Object> params = new ArrayList<>();
    for (ParameterSpec p : d.parameters()) {
      params.add(Jackson.mapper().convertValue(p, Map.class));
    }
    m.put("parameters", params);
    return m;
  }
}
