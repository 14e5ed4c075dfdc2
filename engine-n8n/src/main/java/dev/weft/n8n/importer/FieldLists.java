package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads n8n's field-name lists in their three stored shapes into Weft's comma-separated text. */
final class FieldLists {
  private FieldLists() {}

  /**
   * The field names at {@code path}: {@code {fields: [{fieldName: "a"}]}} (Item Lists v1), {@code ["a", "b"]} or
   * {@code "a, b"}. Expressions are translated; an expression makes the whole value a template.
   */
  static Object names(MappingContext ctx, String path) {
    Object raw = ctx.raw(path);
    if (raw == null) {
      return "";
    }
    if (raw instanceof String) {
      return ctx.translate(path, raw);
    }
    List<Object> names = new ArrayList<>();
    if (raw instanceof Map<?, ?>) {
      List<Map<String, Object>> fields = ctx.objects(path + ".fields");
      for (Map<String, Object> f : fields) {
        if (f.get("fieldName") != null) {
          names.add(f.get("fieldName"));
        }
      }
    } else if (raw instanceof List<?> list) {
      names.addAll(list);
    } else {
      ctx.unsupported(path, "expected field names, found " + MappingContext.describe(raw));
      return "";
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Object n = names.get(i);
      if (!(n instanceof String s)) {
        ctx.unsupported(path + "[" + i + "]", "expected a field name, found " + MappingContext.describe(n));
        continue;
      }
      if (s.startsWith("=")) {
        ctx.unsupported(path + "[" + i + "]", "an expression in a list of field names is not supported");
        continue;
      }
      out.add(s);
    }
    return String.join(",", out);
  }
}
