package dev.weft.nodes.integrations.stripe;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Stripe through its REST API: customers, payment intents, charges and refunds (create, get, update, delete or cancel,
 * confirm, capture, list). Parameters are sent form-encoded as Stripe expects ({@code metadata[order]=42}); lists
 * follow {@code has_more} with {@code starting_after}; every POST carries an {@code Idempotency-Key}, derived from the
 * execution, node and item unless given, so that a retried call never charges twice.
 */
public final class StripeNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.stripe";

  private static final Map<String, String> PATHS = Map.of(
      "customer", "/v1/customers", "paymentIntent", "/v1/payment_intents", "charge", "/v1/charges",
      "refund", "/v1/refunds");
  private static final Map<String, Set<String>> OPERATIONS = Map.of(
      "customer", Set.of("create", "get", "update", "delete", "list"),
      "paymentIntent", Set.of("create", "get", "update", "confirm", "capture", "cancel", "list"),
      "charge", Set.of("create", "get", "update", "capture", "list"),
      "refund", Set.of("create", "get", "update", "cancel", "list"));

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Stripe")
      .group("payments")
      .description("Creates, reads, updates and lists Stripe customers, payment intents, charges and refunds")
      .icon("stripe")
      .credential(StripeCredentials.API_TYPE, true)
      .parameters(
          ParameterSpec.options("resource", Option.of("customer", "Customer"),
              Option.of("paymentIntent", "Payment intent"), Option.of("charge", "Charge"), Option.of("refund", "Refund"))
              .displayName("Resource"),
          ParameterSpec.options("operation", "create", "get", "update", "delete", "confirm", "capture", "cancel",
              "list").displayName("Operation")
              .description("customer: create, get, update, delete, list; paymentIntent: create, get, update, confirm, "
                  + "capture, cancel, list; charge: create, get, update, capture, list; refund: create, get, update, "
                  + "cancel, list"),
          ParameterSpec.string("id").displayName("ID").description("The object's id (cus_…, pi_…, ch_…, re_…)")
              .displayWhen("operation", "get", "update", "delete", "confirm", "capture", "cancel"),
          ParameterSpec.number("amount").displayName("Amount")
              .description("In the currency's smallest unit (cents); for a refund, empty refunds everything"),
          ParameterSpec.string("currency").displayName("Currency").description("Three-letter ISO code, like usd"),
          ParameterSpec.string("customer").displayName("Customer ID"),
          ParameterSpec.string("email").displayName("Email").displayWhen("resource", "customer"),
          ParameterSpec.string("name").displayName("Name").displayWhen("resource", "customer"),
          ParameterSpec.string("description").displayName("Description"),
          ParameterSpec.string("paymentIntent").displayName("Payment intent ID").displayWhen("resource", "refund"),
          ParameterSpec.string("charge").displayName("Charge ID").displayWhen("resource", "refund"),
          ParameterSpec.json("metadata").displayName("Metadata").description("A JSON object of key/value pairs"),
          ParameterSpec.json("additionalFields").displayName("Additional fields")
              .description("Any other Stripe parameters as a JSON object, nested as Stripe documents them; for "
                  + "list, the filters (customer, created, status…); for get, expand"),
          ParameterSpec.bool("returnAll").displayName("Return all").defaultValue(false)
              .displayWhen("operation", "list"),
          ParameterSpec.number("limit").displayName("Limit").defaultValue(50).displayWhen("operation", "list"),
          ParameterSpec.string("idempotencyKey").displayName("Idempotency key")
              .description("Sent with every POST; empty derives one from the execution, node and item, so that "
                  + "retrying the same call is safe"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    Credentials credentials = context.credentials(StripeCredentials.API_TYPE);
    String key = credentials.require("secretKey");
    ApiClient api = errors(ApiClient.of("Stripe", context, key));
    String base = StripeCredentials.base(credentials);
    for (int i = 0; i < items.size(); i++) {
      try {
        for (Map<String, Object> result : run(context, i, api, base, credentials, key)) {
          out.add(0, Item.of(result).pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private List<Map<String, Object>> run(NodeContext context, int i, ApiClient api, String base,
      Credentials credentials, String key) throws NodeException {
    String resource = NodeParams.required(context, "resource", i);
    String operation = NodeParams.required(context, "operation", i);
    String path = PATHS.get(resource);
    if (path == null) {
      throw NodeException.parameter("resource", i, "Stripe has no resource '" + resource
          + "' here; use customer, paymentIntent, charge or refund");
    }
    if (!OPERATIONS.get(resource).contains(operation)) {
      throw NodeException.parameter("operation", i, "Stripe resource '" + resource + "' has no operation '"
          + operation + "'; it has " + String.join(", ", new java.util.TreeSet<>(OPERATIONS.get(resource))));
    }
    if ("list".equals(operation)) {
      return list(context, i, api, base + path, credentials, key);
    }
    if ("create".equals(operation)) {
      return List.of(post(context, i, api, base + path, fields(context, i, resource, true), credentials, key));
    }
    String id = NodeParams.required(context, "id", i);
    String objectUrl = base + path + "/" + HttpUrl.get("http://x/").newBuilder().addPathSegment(id).build()
        .encodedPath().substring(1);
    return switch (operation) {
      case "get" -> {
        // additional fields become query parameters here, like expand[0]=customer
        FormBody.Builder query = new FormBody.Builder();
        encode("", extra(context, i), query);
        FormBody q = query.build();
        HttpUrl.Builder u = HttpUrl.get(objectUrl).newBuilder();
        for (int f = 0; f < q.size(); f++) {
          u.addQueryParameter(q.name(f), q.value(f));
        }
        yield List.of(api.object(authorize(new Request.Builder(), credentials, key).url(u.build()).get().build()));
      }
      case "delete" -> List.of(api.object(authorize(new Request.Builder(), credentials, key).url(objectUrl).delete()
          .build()));
      case "update" -> List.of(post(context, i, api, objectUrl, fields(context, i, resource, false), credentials, key));
      default -> List.of(post(context, i, api, objectUrl + "/" + operation, extra(context, i), credentials, key));
    };
  }

  private Map<String, Object> fields(NodeContext context, int i, String resource, boolean create)
      throws NodeException {
    Map<String, Object> f = new LinkedHashMap<>();
    Number amount = context.parameter("amount", i, Number.class);
    if (amount != null && !"customer".equals(resource)) {
      if (amount.doubleValue() != Math.rint(amount.doubleValue()) || amount.longValue() < 0) {
        throw NodeException.parameter("amount", i, "Stripe amounts are whole numbers of the currency's smallest "
            + "unit (cents for usd), was " + amount);
      }
      f.put("amount", amount.longValue());
    }
    String currency = NodeParams.optional(context, "currency", i);
    if (currency != null && !"customer".equals(resource) && !"refund".equals(resource)) {
      f.put("currency", currency.trim().toLowerCase(java.util.Locale.ROOT));
    }
    put(f, "customer", "customer".equals(resource) ? null : NodeParams.optional(context, "customer", i));
    if ("customer".equals(resource)) {
      put(f, "email", NodeParams.optional(context, "email", i));
      put(f, "name", NodeParams.optional(context, "name", i));
    }
    if ("refund".equals(resource)) {
      put(f, "payment_intent", NodeParams.optional(context, "paymentIntent", i));
      put(f, "charge", NodeParams.optional(context, "charge", i));
    }
    put(f, "description", NodeParams.optional(context, "description", i));
    Map<String, Object> metadata = NodeParams.jsonObject(context, "metadata", i);
    if (metadata != null && !metadata.isEmpty()) {
      f.put("metadata", metadata);
    }
    f.putAll(extra(context, i));
    if (create) {
      List<String> missing = new ArrayList<>();
      if (("paymentIntent".equals(resource) || "charge".equals(resource))) {
        if (!f.containsKey("amount")) {
          missing.add("amount");
        }
        if (!f.containsKey("currency")) {
          missing.add("currency");
        }
      }
      if ("refund".equals(resource) && !f.containsKey("payment_intent") && !f.containsKey("charge")) {
        missing.add("paymentIntent or charge");
      }
      if (!missing.isEmpty()) {
        throw NodeException.parameter(missing.get(0).split(" ")[0], i, "creating a Stripe " + resource + " needs "
            + String.join(" and ", missing) + "; item " + i + " gives none");
      }
    }
    return f;
  }

  private static Map<String, Object> extra(NodeContext context, int i) throws NodeException {
    Map<String, Object> extra = NodeParams.jsonObject(context, "additionalFields", i);
    return extra == null ? Map.of() : extra;
  }

  private Map<String, Object> post(NodeContext context, int i, ApiClient api, String url, Map<String, Object> fields,
      Credentials credentials, String key) throws NodeException {
    FormBody.Builder form = new FormBody.Builder();
    encode("", fields, form);
    String idempotency = NodeParams.optional(context, "idempotencyKey", i);
    if (idempotency == null) {
      var info = context.execution();
      idempotency = "weft-" + sha256(info.executionId() + "\u0000" + info.nodeName() + "\u0000" + info.runIndex()
          + "\u0000" + i + "\u0000" + url);
    }
    return api.object(authorize(new Request.Builder(), credentials, key).url(url)
        .header("Idempotency-Key", idempotency).post(form.build()).build());
  }

  private List<Map<String, Object>> list(NodeContext context, int i, ApiClient api, String url,
      Credentials credentials, String key) throws NodeException {
    boolean all = context.bool("returnAll", i);
    long limit = all ? Long.MAX_VALUE : NodeParams.integer(context, "limit", i, 50);
    if (limit < 1) {
      throw NodeException.parameter("limit", i, "parameter 'limit' must be 1 or more, was " + limit);
    }
    FormBody.Builder filters = new FormBody.Builder();
    encode("", extra(context, i), filters);
    FormBody encoded = filters.build();
    List<Map<String, Object>> results = new ArrayList<>();
    String after = null;
    while (true) {
      context.cancellation().throwIfCancelled();
      HttpUrl.Builder u = HttpUrl.get(url).newBuilder()
          .addQueryParameter("limit", String.valueOf(Math.min(100, limit - results.size())));
      for (int f = 0; f < encoded.size(); f++) {
        u.addQueryParameter(encoded.name(f), encoded.value(f));
      }
      if (after != null) {
        u.addQueryParameter("starting_after", after);
      }
      Map<String, Object> page = api.object(authorize(new Request.Builder(), credentials, key).url(u.build()).get()
          .build());
      Object data = page.get("data");
      List<?> entries = data instanceof List<?> l ? l : List.of();
      for (Object o : entries) {
        if (o instanceof Map<?, ?> && results.size() < limit) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) o;
          results.add(m);
        }
      }
      if (!Boolean.TRUE.equals(page.get("has_more")) || entries.isEmpty() || results.size() >= limit) {
        return results;
      }
      Object last = entries.get(entries.size() - 1);
      after = last instanceof Map<?, ?> m && m.get("id") != null ? String.valueOf(m.get("id")) : null;
      if (after == null) {
        return results;
      }
    }
  }

  /** Stripe's form encoding: nested objects as {@code a[b]=}, lists as {@code a[0]=}, booleans as true/false. */
  static void encode(String prefix, Object value, FormBody.Builder form) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty() && !prefix.isEmpty()) {
        form.add(prefix, ""); // Stripe's way to unset a hash such as metadata
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String k = String.valueOf(e.getKey());
        encode(prefix.isEmpty() ? k : prefix + "[" + k + "]", e.getValue(), form);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        encode(prefix + "[" + i + "]", list.get(i), form);
      }
    } else if (value == null) {
      form.add(prefix, "");
    } else if (value instanceof Number n) {
      form.add(prefix, dev.weft.spi.Json.normalize(n).toString());
    } else {
      form.add(prefix, String.valueOf(value));
    }
  }

  static Request.Builder authorize(Request.Builder request, Credentials credentials, String key) {
    request.header("Authorization", "Bearer " + key);
    String version = credentials.string("apiVersion");
    if (version != null && !version.isBlank()) {
      request.header("Stripe-Version", version.trim());
    }
    return request;
  }

  /** Stripe's errors name a type, a code and for declines a decline code: show them with the message. */
  static ApiClient errors(ApiClient api) {
    return api.withErrorReader(body -> {
      Object parsed = ApiClient.parse(body);
      if (parsed instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.get("message") != null ? e.get("message") : e.get("type")));
        List<String> codes = new ArrayList<>();
        for (String k : List.of("type", "code", "decline_code", "param")) {
          if (e.get(k) != null) {
            codes.add(k + "=" + e.get(k));
          }
        }
        if (!codes.isEmpty()) {
          sb.append(" (").append(String.join(", ", codes)).append(')');
        }
        return sb.toString();
      }
      return null;
    });
  }

  private static void put(Map<String, Object> f, String key, String value) {
    if (value != null) {
      f.put(key, value.trim());
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
