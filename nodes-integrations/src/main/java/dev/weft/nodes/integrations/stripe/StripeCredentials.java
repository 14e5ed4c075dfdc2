package dev.weft.nodes.integrations.stripe;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** The Stripe credential types: an API secret key, and a webhook endpoint's signing secret. */
public final class StripeCredentials {
  /** A secret ({@code sk_…}) or restricted ({@code rk_…}) API key. */
  public static final String API_TYPE = "weft.stripeApi";
  /** The signing secret ({@code whsec_…}) of a webhook endpoint. */
  public static final String WEBHOOK_TYPE = "weft.stripeWebhookSecret";
  static final String DEFAULT_BASE = "https://api.stripe.com";

  private StripeCredentials() {}

  /** The API key credential, tested by reading the account's balance. */
  public static CredentialType apiType() {
    return CredentialType.builder(API_TYPE).displayName("Stripe API")
        .description("A Stripe secret key (sk_live_… or sk_test_…) or restricted key from the dashboard's API keys page")
        .fields(
            ParameterSpec.string("secretKey").displayName("Secret key").required().secret().noExpressions(),
            ParameterSpec.string("apiVersion").displayName("API version")
                .description("Sent as Stripe-Version, like 2024-06-20; empty for the account's default").noExpressions(),
            ParameterSpec.string("baseUrl").displayName("API base URL").defaultValue(DEFAULT_BASE).noExpressions()
                .description("Stripe's API; change only for a proxy or a test server"))
        .tester(StripeCredentials::test)
        .build();
  }

  /** The webhook signing secret; it cannot be tested without a delivery from Stripe. */
  public static CredentialType webhookType() {
    return CredentialType.builder(WEBHOOK_TYPE).displayName("Stripe webhook signing secret")
        .description("The signing secret (whsec_…) of the webhook endpoint, from the dashboard's Webhooks page. "
            + "While rolling a secret, give the new and old ones separated by a comma.")
        .fields(ParameterSpec.string("signingSecret").displayName("Signing secret").required().secret()
            .noExpressions())
        .build();
  }

  static String base(Credentials c) {
    String b = c.string("baseUrl");
    b = b == null || b.isBlank() ? DEFAULT_BASE : b.trim();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static CredentialTester.Result test(Credentials c, dev.weft.spi.Services services) throws NodeException {
    String key = c.require("secretKey");
    ApiClient api = StripeNode.errors(new ApiClient("Stripe", services.service(OkHttpClient.class), RetryPolicy.none(),
        null, Clock.systemUTC(), List.of(key)));
    try {
      Map<String, Object> balance = api.object(StripeNode.authorize(new Request.Builder(), c, key)
          .url(base(c) + "/v1/balance").get().build());
      return CredentialTester.Result.ok("Stripe accepts the key" + (Boolean.FALSE.equals(balance.get("livemode"))
          ? " (test mode)" : Boolean.TRUE.equals(balance.get("livemode")) ? " (live mode)" : ""));
    } catch (NodeException e) {
      return CredentialTester.Result.failed(e.getMessage());
    }
  }
}
