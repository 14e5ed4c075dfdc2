package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Execution Data to {@code weft.executionData}: the key/value pairs saved with the execution. */
final class ExecutionDataMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.executionData");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    List<Object> values = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("dataToSave.values");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> v = list.get(i);
      String where = "dataToSave.values[" + i + "]";
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("key", ctx.translate(where + ".key", v.get("key") == null ? "" : v.get("key")));
      w.put("value", ctx.translate(where + ".value", v.get("value") == null ? "" : v.get("value")));
      values.add(w);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("values", values);
    return MappedNode.of("weft.executionData", p);
  }
}
