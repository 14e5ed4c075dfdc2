package dev.weft.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.time.LuxonFormat;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The functions Weft adds to JSONata, registered on a compiled expression only when its text names them. Functions
 * that need the evaluation's scope read it from {@link #SCOPE}, which {@link JsonataExpr} sets for the duration of
 * one evaluation on the evaluating thread (dashjoin evaluates on the calling thread only).
 */
final class Library {
  private Library() {}

  /** The scope of the evaluation running on this thread. */
  static final ThreadLocal<ExpressionScope> SCOPE = new ThreadLocal<>();

  /** A helper function rejected its arguments; the message starts with the function's name. */
  static final class FunctionError extends RuntimeException {
    FunctionError(String message) {
      super(message, null, false, false);
    }

    FunctionError(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /** The scope raised an {@link ExpressionException} (unknown node, node not run…); carried through dashjoin. */
  static final class ScopeFailure extends RuntimeException {
    final ExpressionException failure;

    ScopeFailure(ExpressionException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  /** Functions that read the evaluation's scope (so {@link #SCOPE} must be set while they may run). */
  static final Set<String> SCOPED = Set.of("node", "nodeItems", "inputItems", "dateParse", "dateFormat", "datePlus",
      "dateMinus", "dateDiff", "dateStartOf", "dateEndOf", "dateToMillis", "dateFromMillis", "dateSetZone", "millis",
      "now");

  private static final Map<String, Jsonata.JFunction> FUNCTIONS = new HashMap<>();

  private static void define(String name, Function<List<?>, Object> body) {
    FUNCTIONS.put(name, Jsonata.function(name, (Jsonata.FnVarArgs<Object>) body::apply, null));
  }

  static {
    define("node", args -> node(JsFunctions.stringArg(args, 0, "$node", "a node name")));
    define("nodeItems", args -> items(nodeItems(JsFunctions.stringArg(args, 0, "$nodeItems", "a node name"))));
    define("inputItems", args -> items(scope().inputItems()));
    define("plus", args -> JsFunctions.plus(arg(args, 0), arg(args, 1)));
    define("or", args -> Values.truthy(arg(args, 0)) ? arg(args, 0) : arg(args, 1));
    define("and", args -> Values.truthy(arg(args, 0)) ? arg(args, 1) : arg(args, 0));
    define("truthy", args -> Values.truthy(arg(args, 0)));
    define("includes", args -> JsFunctions.includes(arg(args, 0), arg(args, 1)));
    define("startsWith", args -> JsFunctions.startsWith(arg(args, 0), arg(args, 1)));
    define("endsWith", args -> JsFunctions.endsWith(arg(args, 0), arg(args, 1)));
    define("isEmpty", args -> JsFunctions.isEmpty(arg(args, 0)));
    define("len", args -> JsFunctions.len(arg(args, 0)));
    define("toFixed", args -> JsFunctions.toFixed(arg(args, 0), arg(args, 1)));
    define("jsonParse", args -> JsFunctions.jsonParse(arg(args, 0)));
    define("jsonStringify", args -> Values.jsonStringify(arg(args, 0)));
    define("ifEmpty", args -> JsFunctions.isEmpty(arg(args, 0)) ? arg(args, 1) : arg(args, 0));
    define("typeOf", args -> JsFunctions.typeOf(arg(args, 0)));
    define("dateParse", args -> DateFunctions.parse(scope(), arg(args, 0), arg(args, 1), arg(args, 2)));
    define("dateFormat", args -> DateFunctions.format(scope(), arg(args, 0), arg(args, 1), arg(args, 2)));
    define("datePlus", args -> DateFunctions.plus(scope(), "$datePlus", arg(args, 0), arg(args, 1), arg(args, 2), 1));
    define("dateMinus", args -> DateFunctions.plus(scope(), "$dateMinus", arg(args, 0), arg(args, 1), arg(args, 2), -1));
    define("dateDiff", args -> DateFunctions.diff(scope(), arg(args, 0), arg(args, 1), arg(args, 2)));
    define("dateStartOf", args -> DateFunctions.startOf(scope(), arg(args, 0), arg(args, 1)));
    define("dateEndOf", args -> DateFunctions.endOf(scope(), arg(args, 0), arg(args, 1)));
    define("dateToMillis", args -> DateFunctions.toMillis(scope(), arg(args, 0)));
    define("dateFromMillis", args -> DateFunctions.fromMillis(scope(), arg(args, 0), arg(args, 1)));
    define("dateSetZone", args -> DateFunctions.setZone(scope(), arg(args, 0), arg(args, 1)));
    define("millis", args -> scope().clock().millis());
    define("now", args -> {
      ExpressionScope s = scope();
      if (arg(args, 0) == null) {
        return now(s);
      }
      String picture = JsFunctions.stringArg(args, 0, "$now", "a picture string");
      String zone = arg(args, 1) == null ? null : JsFunctions.stringArg(args, 1, "$now", "a time zone offset (+hhmm)");
      return Functions.dateTimeFromMillis(s.clock().millis(), picture, zone);
    });
  }

  /** The names of the functions defined here (without {@code $}). */
  static Set<String> names() {
    return FUNCTIONS.keySet();
  }

  static Jsonata.JFunction function(String name) {
    return FUNCTIONS.get(name);
  }

  static Object arg(List<?> args, int index) {
    return index < args.size() ? args.get(index) : null;
  }

  static ExpressionScope scope() {
    ExpressionScope scope = SCOPE.get();
    if (scope == null) {
      throw new FunctionError("Weft's expression functions can only run inside a template evaluation");
    }
    return scope;
  }

  /** {@code $now}: the current time in the workflow zone, Luxon ISO form, millisecond precision. */
  static String now(ExpressionScope scope) {
    return LuxonFormat.toIso(ZonedDateTime.now(scope.clock()).withZoneSameInstant(scope.zone())
        .truncatedTo(ChronoUnit.MILLIS));
  }

  /** {@code $today}: the start of today in the workflow zone. */
  static String today(ExpressionScope scope) {
    ZonedDateTime now = ZonedDateTime.now(scope.clock()).withZoneSameInstant(scope.zone());
    return LuxonFormat.toIso(now.toLocalDate().atStartOfDay(scope.zone()));
  }

  private static Map<String, Object> node(String name) {
    Item item;
    Map<String, Object> context;
    try {
      context = scope().nodeState(name);
      item = scope().pairedItem(name);
    } catch (ExpressionException e) {
      throw new ScopeFailure(e);
    }
    Map<String, Object> out = new LinkedHashMap<>(4);
    out.put("json", item == null ? Map.of() : item.json());
    out.put("binary", item == null ? Map.of() : binary(item.binary()));
    out.put("context", context);
    return out;
  }

  private static List<Item> nodeItems(String name) {
    try {
      return scope().nodeItems(name);
    } catch (ExpressionException e) {
      throw new ScopeFailure(e);
    }
  }

  private static List<Object> items(List<Item> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Item item : items) {
      Map<String, Object> wrapper = new LinkedHashMap<>(2);
      wrapper.put("json", item.json());
      out.add(wrapper);
    }
    return out;
  }

  /** Binary attachments as n8n shows them to expressions (metadata only, never the bytes). */
  static Map<String, Object> binary(Map<String, BinaryData> attachments) {
    if (attachments.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, BinaryData> e : attachments.entrySet()) {
      BinaryData data = e.getValue();
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("id", data.id());
      meta.put("mimeType", data.mimeType());
      meta.put("fileName", data.fileName());
      meta.put("fileExtension", data.fileExtension());
      meta.put("fileSize", data.size());
      out.put(e.getKey(), meta);
    }
    return out;
  }
}
