package dev.weft.nodes.integrations;

import com.zaxxer.hikari.HikariDataSource;
import dev.weft.nodes.integrations.common.Clients;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;

/**
 * The integration node pack: HTTP Request, webhooks, databases, message brokers, email, feeds, and the SaaS services
 * people automate. Found by {@link java.util.ServiceLoader} on a classpath, or loaded as a PF4J plugin.
 *
 * <p>The pack instance owns the long-lived clients its nodes share (a HikariCP pool per database credential, a Redis
 * pool, a NATS and a RabbitMQ connection per credential); {@link #close()}, called by the engine when it closes or
 * unloads the plugin, closes them.
 */
public final class IntegrationNodes implements NodePack {
  private final Clients<HikariDataSource> databasePools = new Clients<>();
  private final Clients<JedisPooled> redisPools = new Clients<>();
  private final Clients<io.nats.client.Connection> natsConnections = new Clients<>();
  private final Clients<com.rabbitmq.client.Connection> rabbitConnections = new Clients<>();

  @Override
  public String id() {
    return "weft.integrations";
  }

  @Override
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    // part A
    nodes.add(new dev.weft.nodes.integrations.http.HttpRequestNode());
    nodes.add(new dev.weft.nodes.integrations.webhook.WebhookTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.webhook.RespondToWebhookNode());
    nodes.add(new dev.weft.nodes.integrations.database.DatabaseNode(databasePools));
    nodes.add(new dev.weft.nodes.integrations.rabbitmq.RabbitMqNode(rabbitConnections));
    nodes.add(new dev.weft.nodes.integrations.rabbitmq.RabbitMqTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.mqtt.MqttNode());
    nodes.add(new dev.weft.nodes.integrations.mqtt.MqttTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.nats.NatsNode(natsConnections));
    nodes.add(new dev.weft.nodes.integrations.nats.NatsTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.redis.RedisNode(redisPools));
    nodes.add(new dev.weft.nodes.integrations.redis.RedisTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.email.EmailSendNode());
    nodes.add(new dev.weft.nodes.integrations.email.EmailTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.rss.RssReadNode());
    nodes.add(new dev.weft.nodes.integrations.rss.RssFeedTriggerNode());
    // part B
    nodes.add(new dev.weft.nodes.integrations.slack.SlackNode());
    nodes.add(new dev.weft.nodes.integrations.stripe.StripeNode());
    nodes.add(new dev.weft.nodes.integrations.stripe.StripeTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.discord.DiscordNode());
    nodes.add(new dev.weft.nodes.integrations.telegram.TelegramNode());
    nodes.add(new dev.weft.nodes.integrations.telegram.TelegramTriggerNode());
    nodes.add(new dev.weft.nodes.integrations.whatsapp.WhatsAppNode());
    nodes.add(new dev.weft.nodes.integrations.s3.S3Node());
    nodes.add(new dev.weft.nodes.integrations.google.GmailNode());
    nodes.add(new dev.weft.nodes.integrations.google.GoogleDriveNode());
    return List.copyOf(nodes);
  }

  @Override
  public List<CredentialType> credentialTypes() {
    List<CredentialType> types = new ArrayList<>();
    // part A
    types.addAll(dev.weft.nodes.integrations.http.HttpAuth.types());
    types.add(dev.weft.nodes.integrations.database.DatabaseCredentials.type());
    types.add(dev.weft.nodes.integrations.rabbitmq.RabbitMq.type());
    types.add(dev.weft.nodes.integrations.mqtt.Mqtt.type());
    types.add(dev.weft.nodes.integrations.nats.NatsAccess.type());
    types.add(dev.weft.nodes.integrations.redis.RedisAccess.type());
    types.addAll(dev.weft.nodes.integrations.email.MailAccounts.types());
    // part B
    types.add(dev.weft.nodes.integrations.oauth.OAuth2.genericType());
    types.add(dev.weft.nodes.integrations.oauth.OAuth2.googleType());
    types.add(dev.weft.nodes.integrations.slack.SlackCredentials.tokenType());
    types.add(dev.weft.nodes.integrations.slack.SlackCredentials.oauth2Type());
    types.add(dev.weft.nodes.integrations.stripe.StripeCredentials.apiType());
    types.add(dev.weft.nodes.integrations.stripe.StripeCredentials.webhookType());
    types.add(dev.weft.nodes.integrations.discord.DiscordNode.webhookType());
    types.add(dev.weft.nodes.integrations.discord.DiscordNode.botType());
    types.add(dev.weft.nodes.integrations.telegram.TelegramApi.credentialType());
    types.add(dev.weft.nodes.integrations.whatsapp.WhatsAppNode.credentialType());
    types.add(dev.weft.nodes.integrations.s3.S3Node.credentialType());
    return List.copyOf(types);
  }

  /** Closes the pools and connections the pack's nodes opened. */
  @Override
  public void close() {
    for (Clients<?> clients : List.of(databasePools, redisPools, natsConnections, rabbitConnections)) {
      clients.close();
    }
  }

  /** The database pools open now (for tests). */
  List<HikariDataSource> databasePools() {
    return databasePools.open();
  }
}
