package dev.weft.nodes.integrations.stripe;

import static dev.weft.nodes.integrations.ServiceTests.engine;
import static dev.weft.nodes.integrations.ServiceTests.form;
import static dev.weft.nodes.integrations.ServiceTests.json;
import static dev.weft.nodes.integrations.ServiceTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.spi.Credentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.FormBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeNodeTest {
  private static final String KEY = "sk_test_51NzQ2xSECRETsecretSECRET";
  private MockWebServer server;
  private Credentials credentials;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    credentials = new Credentials("stripe-1", StripeCredentials.API_TYPE,
        Map.of("secretKey", KEY, "apiVersion", "2024-06-20", "baseUrl", server.url("/").toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String node(String parameters) {
    return "{ \"name\": \"Stripe\", \"type\": \"weft.stripe\", \"credentials\": { \"weft.stripeApi\": \"stripe-1\" },"
        + " \"parameters\": " + parameters + " }";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void createsACustomerFormEncodedWithAnIdempotencyKey() throws Exception {
    server.enqueue(json(200, """
        {"id":"cus_PxR2fTq1","object":"customer","email":"ada@example.com","name":"Ada Lovelace",
         "metadata":{"crm_id":"8812","tier":"gold"},"livemode":false,"created":1716900000}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "resource": "customer", "operation": "create", "email": "{{ $json.email }}", "name": "Ada Lovelace",
            "metadata": "{\\"crm_id\\": \\"8812\\", \\"tier\\": \\"gold\\"}",
            "additionalFields": { "preferred_locales": ["en", "fr"], "address": { "city": "London" } } }"""),
          ServiceTests.items("[{\"email\": \"ada@example.com\"}]"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Stripe").get(0).json()).containsEntry("id", "cus_PxR2fTq1");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/customers");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(req.getHeaders().get("Stripe-Version")).isEqualTo("2024-06-20");
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(req.getHeaders().get("Idempotency-Key")).matches("weft-[0-9a-f]{40}");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("email", "ada@example.com");
    expected.put("name", "Ada Lovelace");
    expected.put("metadata[crm_id]", "8812");
    expected.put("metadata[tier]", "gold");
    expected.put("preferred_locales[0]", "en");
    expected.put("preferred_locales[1]", "fr");
    expected.put("address[city]", "London");
    assertThat(form(req)).containsExactlyEntriesOf(expected);
  }

  @Test
  void sendsTheSameIdempotencyKeyWhenStripeAsksToRetry() throws Exception {
    server.enqueue(json(429, "{\"error\":{\"message\":\"Too many requests\",\"type\":\"invalid_request_error\","
        + "\"code\":\"rate_limit\"}}").newBuilder().setHeader("Retry-After", "0").build());
    server.enqueue(json(200, "{\"id\":\"pi_3Px\",\"object\":\"payment_intent\",\"amount\":1999,\"currency\":\"eur\","
        + "\"status\":\"requires_payment_method\"}"));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "resource": "paymentIntent", "operation": "create", "amount": 1999, "currency": "EUR",
            "customer": "cus_PxR2fTq1", "additionalFields": { "automatic_payment_methods": { "enabled": true } } }"""));
      assertThat(r.error()).isNull();
      assertThat(r.items("Stripe").get(0).json()).containsEntry("status", "requires_payment_method");
    }
    RecordedRequest first = take();
    RecordedRequest second = take();
    assertThat(first.getHeaders().get("Idempotency-Key")).isEqualTo(second.getHeaders().get("Idempotency-Key"));
    assertThat(form(second)).isEqualTo(form(first)).containsEntry("automatic_payment_methods[enabled]", "true")
        .containsEntry("currency", "eur").containsEntry("amount", "1999").containsEntry("customer", "cus_PxR2fTq1");
  }

  @Test
  void derivesDistinctKeysPerItemAndHonoursAGivenOne() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, "{\"id\":\"re_" + i + "\",\"object\":\"refund\",\"status\":\"succeeded\"}"));
    }
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "resource": "refund", "operation": "create", "paymentIntent": "{{ $json.pi }}", "amount": 500,
            "idempotencyKey": "{{ $json.key }}" }"""),
          ServiceTests.items("[{\"pi\":\"pi_1\"},{\"pi\":\"pi_2\"},{\"pi\":\"pi_3\",\"key\":\"refund-order-77\"}]"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Stripe")).hasSize(3);
    }
    RecordedRequest a = take();
    RecordedRequest b = take();
    RecordedRequest c = take();
    assertThat(a.getUrl().encodedPath()).isEqualTo("/v1/refunds");
    assertThat(form(a)).isEqualTo(Map.of("amount", "500", "payment_intent", "pi_1"));
    assertThat(a.getHeaders().get("Idempotency-Key")).isNotEqualTo(b.getHeaders().get("Idempotency-Key"));
    assertThat(c.getHeaders().get("Idempotency-Key")).isEqualTo("refund-order-77");
  }

  @Test
  void listsEverythingWithStartingAfter() throws Exception {
    server.enqueue(json(200, """
        {"object":"list","url":"/v1/charges","has_more":true,
         "data":[{"id":"ch_1","object":"charge","amount":100},{"id":"ch_2","object":"charge","amount":200}]}"""));
    server.enqueue(json(200, """
        {"object":"list","url":"/v1/charges","has_more":false,"data":[{"id":"ch_3","object":"charge","amount":300}]}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "resource": "charge", "operation": "list", "returnAll": true,
            "additionalFields": { "customer": "cus_1", "created": { "gte": 1716000000 } } }"""));
      assertThat(r.items("Stripe")).extracting(i -> i.json().get("id")).containsExactly("ch_1", "ch_2", "ch_3");
    }
    RecordedRequest first = take();
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/charges");
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("100");
    assertThat(first.getUrl().queryParameter("customer")).isEqualTo("cus_1");
    assertThat(first.getUrl().queryParameter("created[gte]")).isEqualTo("1716000000");
    assertThat(first.getUrl().queryParameter("starting_after")).isNull();
    assertThat(first.getHeaders().get("Idempotency-Key")).isNull();
    assertThat(take().getUrl().queryParameter("starting_after")).isEqualTo("ch_2");
  }

  @Test
  void capturesCancelsAndDeletesByIdAndStopsListingAtTheLimit() throws Exception {
    server.enqueue(json(200, "{\"id\":\"pi_9\",\"object\":\"payment_intent\",\"status\":\"succeeded\"}"));
    server.enqueue(json(200, "{\"id\":\"cus_9\",\"object\":\"customer\",\"deleted\":true}"));
    server.enqueue(json(200, "{\"object\":\"list\",\"has_more\":true,\"data\":[{\"id\":\"cus_1\"},{\"id\":\"cus_2\"}]}"));
    try (Weft weft = engine(credentials)) {
      assertThat(run(weft, node("{ \"resource\": \"paymentIntent\", \"operation\": \"capture\", \"id\": \"pi_9\","
          + " \"additionalFields\": { \"amount_to_capture\": 750 } }")).error()).isNull();
      assertThat(run(weft, node("{ \"resource\": \"customer\", \"operation\": \"delete\", \"id\": \"cus_9\" }"))
          .items("Stripe").get(0).json()).containsEntry("deleted", true);
      assertThat(run(weft, node("{ \"resource\": \"customer\", \"operation\": \"list\", \"limit\": 2 }"))
          .items("Stripe")).hasSize(2);
    }
    RecordedRequest capture = take();
    assertThat(capture.getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_9/capture");
    assertThat(form(capture)).isEqualTo(Map.of("amount_to_capture", "750"));
    RecordedRequest delete = take();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getUrl().encodedPath()).isEqualTo("/v1/customers/cus_9");
    assertThat(take().getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void reportsADeclineWithStripesCodesAndNoKey() throws Exception {
    server.enqueue(json(402, """
        {"error":{"code":"card_declined","decline_code":"insufficient_funds","doc_url":"https://stripe.com/docs/error-codes/card-declined",
         "message":"Your card has insufficient funds.","type":"card_error","charge":"ch_3Px"}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"paymentIntent\", \"operation\": \"confirm\","
          + " \"id\": \"pi_3Px\", \"additionalFields\": { \"payment_method\": \"pm_card_visa\" } }"));
      assertThat(r.error().message())
          .contains("Stripe answered 402 Payment Required: Your card has insufficient funds. (type=card_error, "
              + "code=card_declined, decline_code=insufficient_funds)")
          .doesNotContain(KEY);
    }
    assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_3Px/confirm");
  }

  @Test
  void refusesToCreateAPaymentIntentWithoutAmountOrCurrency() throws Exception {
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"paymentIntent\", \"operation\": \"create\","
          + " \"amount\": 10 }"));
      assertThat(r.error().message()).contains("creating a Stripe paymentIntent needs currency");
      assertThat(r.error().parameter()).isEqualTo("currency");
      ExecutionResult wrong = run(weft, node("{ \"resource\": \"refund\", \"operation\": \"delete\", \"id\": \"re_1\" }"));
      assertThat(wrong.error().message()).contains("Stripe resource 'refund' has no operation 'delete'");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void encodesNestedValuesAsStripeDoes() {
    FormBody.Builder form = new FormBody.Builder();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("items", List.of(Map.of("price", "price_1"), Map.of("price", "price_2")));
    v.put("metadata", Map.of());
    v.put("capture", false);
    v.put("amount", 12.0);
    StripeNode.encode("", v, form);
    FormBody body = form.build();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.size(); i++) {
      sb.append(body.name(i)).append('=').append(body.value(i)).append(';');
    }
    assertThat(sb.toString()).isEqualTo("items[0][price]=price_1;items[1][price]=price_2;metadata=;capture=false;amount=12;");
  }

  @Test
  void getsAnObjectWithExpandedFields() throws Exception {
    server.enqueue(json(200, "{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"customer\":{\"id\":\"cus_1\","
        + "\"object\":\"customer\",\"email\":\"ada@example.com\"}}"));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"paymentIntent\", \"operation\": \"get\", \"id\": \"pi_1\","
          + " \"additionalFields\": { \"expand\": [\"customer\", \"latest_charge\"] } }"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Stripe").get(0).json().get("customer")).isInstanceOf(Map.class);
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("GET");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/payment_intents/pi_1");
    assertThat(req.getUrl().queryParameter("expand[0]")).isEqualTo("customer");
    assertThat(req.getUrl().queryParameter("expand[1]")).isEqualTo("latest_charge");
    assertThat(req.getHeaders().get("Idempotency-Key")).isNull();
  }
}
