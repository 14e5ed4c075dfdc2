package dev.weft.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import dev.weft.store.CredentialRecord;
import dev.weft.store.InMemoryCredentialStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialServiceTest {
  private static final String API_KEY = "sk-live-4f9a8b7c6d5e";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String KEY_1 = CredentialCipher.generateKey();
  private static final String KEY_2 = CredentialCipher.generateKey();

  private final AtomicReference<Credentials> tested = new AtomicReference<>();
  private final Map<String, CredentialType> types = new HashMap<>();
  private InMemoryCredentialStore store;
  private CredentialService service;

  @BeforeEach
  void setUp() {
    types.put("test.api", CredentialType.builder("test.api")
        .displayName("Test API")
        .fields(
            ParameterSpec.string("host").required(),
            ParameterSpec.number("port").defaultValue(443L),
            ParameterSpec.options("region", "eu", "us"),
            ParameterSpec.bool("tls"),
            ParameterSpec.string("apiKey").required().secret(),
            ParameterSpec.string("password").secret())
        .tester((credentials, services) -> {
          tested.set(credentials);
          String key = credentials.require("apiKey");
          if (!key.equals(API_KEY)) {
            throw new IllegalStateException("401 Unauthorized: key " + key + " was rejected by "
                + services.service(String.class));
          }
          return CredentialTester.Result.ok("authenticated with key " + key + " as alice");
        })
        .build());
    types.put("test.token", CredentialType.builder("test.token")
        .fields(
            ParameterSpec.options("authMode", "none", "token"),
            ParameterSpec.string("token").required().secret().displayWhen("authMode", "token"))
        .build());
    store = new InMemoryCredentialStore();
    service = serviceWith(CredentialCipher.builder().key("k1", KEY_1).build());
  }

  private CredentialService serviceWith(CredentialCipher cipher) {
    Services services = new Services() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T service(Class<T> type) {
        return (T) "api.example.com";
      }
    };
    return new CredentialService(store, cipher, types::get, services);
  }

  private static Map<String, Object> apiValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("host", "api.example.com");
    values.put("region", "us");
    values.put("apiKey", API_KEY);
    values.put("password", PASSWORD);
    return values;
  }

  private CredentialView createApi() {
    return service.create("Example production", "test.api", "alice", apiValues());
  }

  @Test
  void createShowsOnlyNonSecretValuesAndWhichSecretsAreSet() {
    CredentialView view = service.create("Example", "test.api", "alice",
        Map.of("host", "api.example.com", "apiKey", API_KEY, "tls", true));

    assertThat(view.id()).isNotBlank();
    assertThat(view.name()).isEqualTo("Example");
    assertThat(view.type()).isEqualTo("test.api");
    assertThat(view.ownerId()).isEqualTo("alice");
    assertThat(view.values()).isEqualTo(Map.of("host", "api.example.com", "tls", true));
    assertThat(view.secrets()).containsExactly(Map.entry("apiKey", true), Map.entry("password", false));
    assertThat(view.readable()).isTrue();
    assertThat(view.createdAt()).isNotNull();
    assertThat(view.toString()).doesNotContain(API_KEY);
  }

  @Test
  void valuesAreStoredSealedUnderTheCredentialsId() {
    CredentialView view = createApi();
    CredentialRecord record = store.get(view.id()).orElseThrow();

    assertThat(record.sealedData()).startsWith("v1:k1:");
    String decoded = new String(Base64.getDecoder().decode(record.sealedData().substring(6)),
        StandardCharsets.ISO_8859_1);
    assertThat(record.sealedData() + decoded).doesNotContain(API_KEY).doesNotContain("sk-live")
        .doesNotContain(PASSWORD).doesNotContain("api.example.com");
    assertThat(record.toString()).doesNotContain(record.sealedData());
  }

  @Test
  void decryptGivesTheEngineEveryValueWithDefaults() {
    CredentialView view = createApi();

    Credentials credentials = service.decrypt(view.id());

    assertThat(credentials.id()).isEqualTo(view.id());
    assertThat(credentials.type()).isEqualTo("test.api");
    assertThat(credentials.values()).containsEntry("apiKey", API_KEY).containsEntry("password", PASSWORD)
        .containsEntry("host", "api.example.com").containsEntry("region", "us").containsEntry("port", 443L);
    assertThat(credentials.toString()).doesNotContain(API_KEY).doesNotContain(PASSWORD);
  }

  @Test
  void anUpdateThatLeavesASecretOutKeepsTheStoredSecret() {
    CredentialView created = createApi();

    CredentialView updated = service.update(created.id(), "Renamed",
        Map.of("host", "eu.example.com", "port", 8443L));

    assertThat(updated.name()).isEqualTo("Renamed");
    assertThat(updated.values()).isEqualTo(Map.of("host", "eu.example.com", "port", 8443L));
    assertThat(updated.secrets()).containsEntry("apiKey", true).containsEntry("password", true);
    Credentials credentials = service.decrypt(created.id());
    assertThat(credentials.values()).containsEntry("apiKey", API_KEY).containsEntry("password", PASSWORD)
        .containsEntry("host", "eu.example.com").containsEntry("port", 8443L)
        .as("region was left out, so its default applies").containsEntry("region", "eu");
  }

  @Test
  void anUpdateCanReplaceOrClearSecrets() {
    CredentialView created = createApi();
    Map<String, Object> values = new LinkedHashMap<>(Map.of("host", "api.example.com", "apiKey", "sk-new-1234"));
    values.put("password", null);

    CredentialView updated = service.update(created.id(), null, values);

    assertThat(updated.name()).isEqualTo("Example production");
    assertThat(updated.secrets()).containsEntry("apiKey", true).containsEntry("password", false);
    assertThat(service.decrypt(created.id()).values()).containsEntry("apiKey", "sk-new-1234")
        .doesNotContainKey("password");
  }

  @Test
  void clearingARequiredSecretIsRefused() {
    CredentialView created = createApi();
    Map<String, Object> values = new LinkedHashMap<>(Map.of("host", "h"));
    values.put("apiKey", null);

    assertThatThrownBy(() -> service.update(created.id(), null, values))
        .isInstanceOf(CredentialValidationException.class)
        .hasMessageContaining("test.api")
        .hasMessageContaining("needs field 'apiKey'");
    assertThat(service.decrypt(created.id()).values()).containsEntry("apiKey", API_KEY);
  }

  @Test
  void anUpdateWithoutValuesOnlyRenames() {
    CredentialView created = createApi();
    CredentialView updated = service.update(created.id(), "Only the name", null);
    assertThat(updated.name()).isEqualTo("Only the name");
    assertThat(service.decrypt(created.id()).values())
        .containsEntry("apiKey", API_KEY).containsEntry("region", "us").containsEntry("password", PASSWORD);
  }

  @Test
  void valuesThatDoNotFitTheTypeAreAllReportedByTypeAndFieldNeverByValue() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("port", "eighty");
    values.put("region", "mars-" + API_KEY);
    values.put("tls", "yes");
    values.put("apiKey", 987654321L);
    values.put("sessionSecret", PASSWORD);

    assertThatThrownBy(() -> service.create("Broken", "test.api", null, values))
        .isInstanceOfSatisfying(CredentialValidationException.class, e -> assertThat(e.problems()).containsExactly(
            "field 'port' of credential type 'test.api' must be a number, not a string",
            "field 'region' of credential type 'test.api' must be one of [eu, us]",
            "field 'tls' of credential type 'test.api' must be a boolean, not a string",
            "field 'apiKey' of credential type 'test.api' must be a string, not a number",
            "credential type 'test.api' has no field 'sessionSecret' (its fields: host, port, region, tls, apiKey, "
                + "password)",
            "credential type 'test.api' needs field 'host'"))
        .hasMessageStartingWith("credential 'Broken' is invalid: ")
        .hasMessageNotContaining("987654321")
        .hasMessageNotContaining(API_KEY)
        .hasMessageNotContaining(PASSWORD)
        .hasMessageNotContaining("eighty");
    assertThat(store.list(null, null)).isEmpty();
  }

  @Test
  void anUnknownTypeOrABlankNameIsRefused() {
    assertThatThrownBy(() -> service.create("X", "test.nope", null, Map.of("apiKey", API_KEY)))
        .isInstanceOf(CredentialValidationException.class)
        .hasMessageContaining("unknown credential type 'test.nope'")
        .hasMessageNotContaining(API_KEY);
    assertThatThrownBy(() -> service.create(" ", "test.api", null, apiValues()))
        .isInstanceOf(CredentialValidationException.class)
        .hasMessageContaining("needs a name");
    Function<String, CredentialType> throwing = t -> {
      throw new IllegalStateException("type registry unavailable");
    };
    CredentialService broken = new CredentialService(store, CredentialCipher.builder().key("k1", KEY_1).build(),
        throwing, null);
    assertThatThrownBy(() -> broken.create("X", "test.api", null, apiValues()))
        .hasMessageContaining("unknown credential type 'test.api'");
  }

  @Test
  void fieldsHiddenByDisplayWhenAreNotRequired() {
    CredentialView none = service.create("No auth", "test.token", null, Map.of("authMode", "none"));
    assertThat(none.secrets()).containsEntry("token", false);

    assertThatThrownBy(() -> service.create("Token", "test.token", null, Map.of("authMode", "token")))
        .hasMessageContaining("needs field 'token'");
    assertThat(service.create("Token", "test.token", null, Map.of("authMode", "token", "token", "t0k3n-abc"))
        .secrets()).containsEntry("token", true);
  }

  @Test
  void missingCredentialsAreNamed() {
    assertThat(service.get("cred-missing")).isEmpty();
    assertThat(service.delete("cred-missing")).isFalse();
    assertThatThrownBy(() -> service.decrypt("cred-missing")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("'cred-missing' does not exist");
    assertThatThrownBy(() -> service.update("cred-missing", "x", Map.of())).hasMessageContaining("cred-missing");
    assertThatThrownBy(() -> service.test("cred-missing")).hasMessageContaining("cred-missing");
  }

  @Test
  void getListAndDeleteWorkOnViews() {
    CredentialView a = createApi();
    CredentialView b = service.create("Another", "test.api", "bob", apiValues());
    CredentialView c = service.create("Auth", "test.token", "alice", Map.of("authMode", "none"));

    assertThat(service.get(a.id()).orElseThrow()).isEqualTo(a);
    assertThat(service.list(null, null)).extracting(CredentialView::id).containsExactly(b.id(), c.id(), a.id());
    assertThat(service.list("alice", null)).extracting(CredentialView::id).containsExactly(c.id(), a.id());
    assertThat(service.list(null, "test.api")).extracting(CredentialView::id).containsExactly(b.id(), a.id());
    assertThat(service.list(null, null).toString()).doesNotContain(API_KEY).doesNotContain(PASSWORD);

    assertThat(service.delete(a.id())).isTrue();
    assertThat(service.get(a.id())).isEmpty();
    assertThat(service.list(null, null)).hasSize(2);
  }

  @Test
  void testRunsTheTypesTesterWithDecryptedValues() {
    CredentialView view = createApi();

    CredentialTester.Result result = service.test(view.id());

    assertThat(result.ok()).isTrue();
    assertThat(result.message()).isEqualTo("authenticated with key *** as alice");
    assertThat(tested.get().string("apiKey")).isEqualTo(API_KEY);
    assertThat(tested.get().get("port")).isEqualTo(443L);
  }

  @Test
  void aFailingTesterIsAFailedResultWithSecretsMasked() {
    CredentialView view = service.create("Wrong key", "test.api", null,
        Map.of("host", "h", "apiKey", "sk-wrong-000111"));

    CredentialTester.Result result = service.test(view.id());

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).isEqualTo("401 Unauthorized: key *** was rejected by api.example.com");
  }

  @Test
  void aTypeWithoutTesterCannotBeTested() {
    CredentialView view = service.create("Auth", "test.token", null, Map.of("authMode", "none"));
    assertThatThrownBy(() -> service.test(view.id())).isInstanceOf(CredentialException.class)
        .hasMessageContaining("test.token")
        .hasMessageContaining(view.id())
        .hasMessageContaining("no tester");
  }

  @Test
  void tamperedSealedDataFailsNamingCredentialAndKeyButNotTheData() {
    CredentialView view = createApi();
    CredentialRecord record = store.get(view.id()).orElseThrow();
    byte[] body = Base64.getDecoder().decode(record.sealedData().substring(6));
    body[body.length / 2] ^= 0x40;
    String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(body);
    store.update(record.withSealedData(tampered));

    assertThatThrownBy(() -> service.decrypt(view.id()))
        .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.credentialId()).isEqualTo(view.id()))
        .hasMessageContaining(view.id())
        .hasMessageContaining("'k1'")
        .hasMessageNotContaining(tampered.substring(6, 30))
        .hasMessageNotContaining(API_KEY);
    CredentialView shown = service.get(view.id()).orElseThrow();
    assertThat(shown.readable()).isFalse();
    assertThat(shown.error()).contains(view.id()).contains("'k1'");
    assertThat(shown.values()).isEmpty();
    assertThat(shown.name()).isEqualTo("Example production");
  }

  @Test
  void sealedDataMovedToAnotherCredentialDoesNotOpen() {
    CredentialView a = createApi();
    CredentialView b = service.create("Other", "test.api", null, Map.of("host", "h", "apiKey", "sk-other-555"));
    String sealedA = store.get(a.id()).orElseThrow().sealedData();
    store.update(store.get(b.id()).orElseThrow().withSealedData(sealedA));

    assertThatThrownBy(() -> service.decrypt(b.id())).hasMessageContaining(b.id())
        .hasMessageContaining("failed authentication");
  }

  @Test
  void anUnknownKeyIdIsNamed() {
    CredentialView view = createApi();
    CredentialService otherKeys = serviceWith(CredentialCipher.builder().key("k2", KEY_2).build());

    assertThatThrownBy(() -> otherKeys.decrypt(view.id()))
        .hasMessageContaining(view.id())
        .hasMessageContaining("'k1'")
        .hasMessageContaining("not configured");
    assertThat(otherKeys.list(null, null)).singleElement()
        .satisfies(v -> assertThat(v.error()).contains("'k1'"));
  }

  @Test
  void resealAllRotatesEveryCredentialToThePrimaryKey() {
    CredentialView a = createApi();
    CredentialView b = service.create("Auth", "test.token", null, Map.of("authMode", "token", "token", "tok-9876"));
    CredentialService rotated = serviceWith(
        CredentialCipher.builder().key("k2", KEY_2).key("k1", KEY_1).build());

    assertThat(rotated.decrypt(a.id()).string("apiKey")).isEqualTo(API_KEY);
    assertThat(rotated.resealAll()).isEqualTo(2);
    assertThat(rotated.resealAll()).isZero();

    assertThat(store.list(null, null)).allSatisfy(r -> assertThat(r.sealedData()).startsWith("v1:k2:"));
    CredentialService onlyNewKey = serviceWith(CredentialCipher.builder().key("k2", KEY_2).build());
    assertThat(onlyNewKey.decrypt(a.id()).values()).containsEntry("apiKey", API_KEY)
        .containsEntry("password", PASSWORD);
    assertThat(onlyNewKey.decrypt(b.id()).string("token")).isEqualTo("tok-9876");
  }

  @Test
  void resealAllFinishesTheOthersAndNamesWhatItCouldNotOpen() {
    CredentialView good = createApi();
    CredentialRecord lost = store.create(new CredentialRecord("cred-lost", "Lost", "test.api", null,
        "v1:k0:" + Base64.getEncoder().encodeToString(new byte[40]), null, null));
    CredentialService rotated = serviceWith(
        CredentialCipher.builder().key("k2", KEY_2).key("k1", KEY_1).build());

    assertThatThrownBy(rotated::resealAll)
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("1 credentials could not be re-sealed (1 were)")
        .hasMessageContaining(lost.id())
        .hasMessageContaining("'k0'");
    assertThat(store.get(good.id()).orElseThrow().sealedData()).startsWith("v1:k2:");
  }

  @Test
  void secretsNeverReachTheLog() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String id;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      id = createApi().id();
      service.update(id, null, Map.of("host", "h2", "apiKey", API_KEY + "-rotated"));
      service.test(id);
      service.decrypt(id);
      CredentialRecord record = store.get(id).orElseThrow();
      store.update(record.withSealedData("v1:k1:" + Base64.getEncoder().encodeToString(new byte[40])));
      service.list(null, null);
      service.delete(id);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains(id).contains("Created credential").contains("cannot be shown");
    assertThat(log).doesNotContain(API_KEY).doesNotContain(PASSWORD).doesNotContain("sk-live");
  }

  @Test
  void theServicePrintsWithoutKeys() {
    assertThat(service.toString()).contains("k1").doesNotContain(KEY_1);
  }

  @Test
  void listsOfProblemsAreCopied() {
    CredentialValidationException e = new CredentialValidationException(null, "n", List.of("a", "b"));
    assertThat(e.problems()).containsExactly("a", "b");
    assertThat(e.getMessage()).isEqualTo("credential 'n' is invalid: a; b");
  }
}
