package dev.weft.nodes.integrations.stripe;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Starts an execution for each Stripe event delivered to its webhook, after verifying the {@code Stripe-Signature}
 * header: an HMAC-SHA256 with the endpoint's signing secret over {@code timestamp + "." + body}, with the timestamp
 * within the tolerance window so that a captured delivery cannot be replayed later. Events of other types are
 * acknowledged and ignored; an event delivered again (Stripe retries) is acknowledged without a second execution.
 */
public final class StripeTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.stripeTrigger";
  static final String SEEN = "seenEventIds";
  static final int SEEN_KEPT = 500;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Stripe Trigger")
      .group("trigger")
      .description("Starts the workflow when Stripe delivers an event to its webhook, verifying the signature")
      .icon("stripe")
      .inputs()
      .credential(StripeCredentials.WEBHOOK_TYPE, true)
      .parameters(
          ParameterSpec.string("path").displayName("Path").required().defaultValue("stripe")
              .description("The webhook path below the host's webhook root; register its URL in Stripe"),
          ParameterSpec.string("events").displayName("Events").defaultValue("*")
              .description("Event types to start on, comma separated (payment_intent.succeeded, charge.*), or *"),
          ParameterSpec.number("toleranceSeconds").displayName("Tolerance (seconds)").defaultValue(300)
              .description("How old a signed delivery may be"),
          ParameterSpec.bool("deduplicate").displayName("Ignore redeliveries").defaultValue(true)
              .description("An event id seen before does not start another execution"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String path = context.parameter("path", String.class);
    if (path == null || path.isBlank()) {
      throw NodeException.parameter("path", -1, "parameter 'path' is empty; the trigger needs a webhook path");
    }
    List<String> secrets = new ArrayList<>();
    for (String s : context.credentials(StripeCredentials.WEBHOOK_TYPE).require("signingSecret").split(",")) {
      if (!s.isBlank()) {
        secrets.add(s.trim());
      }
    }
    Number tolerance = context.parameter("toleranceSeconds", Number.class);
    long toleranceSeconds = tolerance == null ? 300 : tolerance.longValue();
    if (toleranceSeconds < 1) {
      throw NodeException.parameter("toleranceSeconds", -1, "parameter 'toleranceSeconds' must be 1 or more, was "
          + tolerance);
    }
    String events = context.parameter("events", String.class);
    List<String> wanted = new ArrayList<>();
    for (String e : (events == null || events.isBlank() ? "*" : events).split(",")) {
      if (!e.isBlank()) {
        wanted.add(e.trim());
      }
    }
    Boolean dedupe = context.parameter("deduplicate", Boolean.class);
    boolean deduplicate = dedupe == null || dedupe;
    Clock clock = context.clock();
    return context.webhook("POST", path.trim(), request -> handle(request, context, secrets, toleranceSeconds,
        wanted, deduplicate, clock));
  }

  private static WebhookResponse handle(WebhookRequest request, TriggerContext context, List<String> secrets,
      long toleranceSeconds, List<String> wanted, boolean deduplicate, Clock clock) {
    // the signature covers the exact raw bytes, so the body is read whole (once; body() keeps it for the parse
    // below): Stripe events are small JSON, and the server caps what body() reads at its request size limit
    byte[] raw = request.body();
    String problem = verify(request.header("Stripe-Signature"), raw, secrets, toleranceSeconds,
        clock.instant().getEpochSecond());
    if (problem != null) {
      context.logger().warn("refused a Stripe webhook delivery: {}", problem);
      return WebhookResponse.json(400, "{\"message\":" + ApiClient.write(problem) + "}");
    }
    Object event;
    try {
      event = ApiClient.parse(new String(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return WebhookResponse.json(400, "{\"message\":\"the body is not a JSON Stripe event\"}");
    }
    if (!(event instanceof Map<?, ?> map) || !(map.get("type") instanceof String type)) {
      return WebhookResponse.json(400, "{\"message\":\"the body is not a Stripe event (no type)\"}");
    }
    if (!matches(type, wanted)) {
      return WebhookResponse.json(200, "{\"received\":true,\"ignored\":" + ApiClient.write(type) + "}");
    }
    Object id = map.get("id");
    if (deduplicate && id != null && !remember(context.staticData(), String.valueOf(id))) {
      return WebhookResponse.json(200, "{\"received\":true,\"duplicate\":true}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) map;
    context.emit(List.of(Item.of(json)));
    return WebhookResponse.json(200, "{\"received\":true}");
  }

  private static synchronized boolean remember(Map<String, Object> staticData, String id) {
    Object seen = staticData.get(SEEN);
    Set<String> ids = new LinkedHashSet<>();
    if (seen instanceof List<?> l) {
      for (Object o : l) {
        ids.add(String.valueOf(o));
      }
    }
    if (!ids.add(id)) {
      return false;
    }
    List<String> kept = new ArrayList<>(ids);
    staticData.put(SEEN, new ArrayList<>(kept.subList(Math.max(0, kept.size() - SEEN_KEPT), kept.size())));
    return true;
  }

  static boolean matches(String type, List<String> wanted) {
    for (String w : wanted) {
      if (w.equals("*") || w.equals(type) || w.endsWith(".*") && type.startsWith(w.substring(0, w.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks a {@code Stripe-Signature} header ({@code t=…,v1=…[,v1=…]}) against the body.
   *
   * @return {@code null} when a {@code v1} signature matches one of the secrets within the tolerance, otherwise what
   *     was wrong (never a secret)
   */
  static String verify(String header, byte[] body, List<String> secrets, long toleranceSeconds, long nowSeconds) {
    if (header == null || header.isBlank()) {
      return "the request has no Stripe-Signature header";
    }
    Long timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = part.substring(0, eq).trim();
      String v = part.substring(eq + 1).trim();
      if (k.equals("t")) {
        try {
          timestamp = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return "the Stripe-Signature timestamp '" + v + "' is not a number";
        }
      } else if (k.equals("v1")) {
        signatures.add(v.toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (timestamp == null) {
      return "the Stripe-Signature header has no timestamp (t=)";
    }
    if (signatures.isEmpty()) {
      return "the Stripe-Signature header has no v1 signature";
    }
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (String secret : secrets) {
      byte[] expected = HexFormat.of().formatHex(hmac(secret, prefix, body)).getBytes(StandardCharsets.US_ASCII);
      for (String sig : signatures) {
        if (MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
          matched = true;
        }
      }
    }
    if (!matched) {
      return "no v1 signature matches the payload with the signing secret";
    }
    if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
      return "the signature's timestamp " + timestamp + " is " + Math.abs(nowSeconds - timestamp)
          + " seconds away from now, outside the tolerance of " + toleranceSeconds + " seconds";
    }
    return null;
  }

  static byte[] hmac(String secret, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
