package dev.weft.nodes.integrations.mqtt;

import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The MQTT credential ({@code weft.mqtt}) and client setup (MQTT 3.1.1 over Eclipse Paho). */
public final class Mqtt {
  /** The credential type id. */
  public static final String TYPE = "weft.mqtt";

  private Mqtt() {}

  /** The credential type. */
  public static CredentialType type() {
    return CredentialType.builder(TYPE).displayName("MQTT")
        .description("An MQTT broker such as Mosquitto, HiveMQ or EMQX")
        .fields(ParameterSpec.options("protocol", Option.of("tcp", "mqtt://"), Option.of("ssl", "mqtts://"))
                .displayName("Protocol").build(),
            ParameterSpec.string("host").displayName("Host").defaultValue("localhost").build(),
            ParameterSpec.number("port").displayName("Port").defaultValue(1883).build(),
            ParameterSpec.string("clientId").displayName("Client id")
                .description("Empty for a random one per connection").build(),
            ParameterSpec.string("user").displayName("User").build(),
            ParameterSpec.string("password").displayName("Password").secret().build())
        .tester(Mqtt::test)
        .build();
  }

  static CredentialTester.Result test(Credentials c, dev.weft.spi.Services services) {
    try {
      MqttClient client = connect(c, "test", true);
      client.disconnect();
      client.close();
      return CredentialTester.Result.ok("connected to " + client.getServerURI());
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact(message(e), secrets(c)));
    }
  }

  static List<String> secrets(Credentials c) {
    return c.string("password") == null ? List.of() : List.of(c.string("password"));
  }

  static String message(Throwable e) {
    if (e instanceof MqttException m) {
      return "MQTT: " + m.getMessage() + " (reason " + m.getReasonCode() + ")"
          + (m.getCause() != null ? ": " + m.getCause().getMessage() : "");
    }
    return "MQTT: " + e.getMessage();
  }

  /** A connected client (the caller disconnects and closes it). */
  static MqttClient connect(Credentials c, String suffix, boolean cleanSession) throws MqttException {
    String protocol = "ssl".equals(c.string("protocol")) ? "ssl" : "tcp";
    String host = c.string("host") == null ? "localhost" : c.string("host");
    Object port = c.get("port");
    String uri = protocol + "://" + host + ":" + (port == null ? 1883 : (int) Double.parseDouble(String.valueOf(port)));
    String id = c.string("clientId");
    String clientId = id == null || id.isBlank() ? "weft-" + suffix + "-" + UUID.randomUUID().toString()
        .substring(0, 8) : id;
    MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(cleanSession);
    options.setAutomaticReconnect(true);
    options.setConnectionTimeout(10);
    if (c.string("user") != null && !c.string("user").isBlank()) {
      options.setUserName(c.string("user"));
      options.setPassword(c.string("password") == null ? new char[0] : c.string("password").toCharArray());
    }
    client.connect(options);
    return client;
  }
}
