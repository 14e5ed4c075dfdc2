package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Rename Keys to {@code weft.renameKeys}: name pairs and the regular-expression replacements. */
final class RenameKeysMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.renameKeys");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    List<Object> keys = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("keys.key");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> k = list.get(i);
      String where = "keys.key[" + i + "]";
      Object from = k.get("currentKey") == null ? "" : k.get("currentKey");
      Object to = k.get("newKey") == null ? "" : k.get("newKey");
      if (blank(from) || blank(to) || from.equals(to)) {
        continue; // n8n skips a pair with an empty name or the same name on both sides
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("from", ctx.translate(where + ".currentKey", from));
      w.put("to", ctx.translate(where + ".newKey", to));
      keys.add(w);
    }
    p.put("keys", keys);
    List<Object> rules = new ArrayList<>();
    List<Map<String, Object>> replacements = ctx.objects("additionalOptions.regexReplacement.replacements");
    for (int i = 0; i < replacements.size(); i++) {
      Map<String, Object> r = replacements.get(i);
      String where = "additionalOptions.regexReplacement.replacements[" + i + "]";
      Map<?, ?> options = r.get("options") instanceof Map<?, ?> m ? m : Map.of();
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("pattern", ctx.translate(where + ".searchRegex", r.get("searchRegex") == null ? "" : r.get("searchRegex")));
      w.put("replacement", ctx.translate(where + ".replaceRegex",
          r.get("replaceRegex") == null ? "" : r.get("replaceRegex")));
      w.put("ignoreCase", Boolean.TRUE.equals(options.get("caseInsensitive")));
      w.put("depth", options.get("depth") instanceof Number n ? n.longValue() : -1L);
      rules.add(w);
    }
    p.put("regexRules", rules);
    return MappedNode.of("weft.renameKeys", p);
  }

  /** A fixed name that is empty: {@code ""} or {@code "="}. */
  private static boolean blank(Object name) {
    return name instanceof String s && (s.isEmpty() || s.equals("="));
  }
}
