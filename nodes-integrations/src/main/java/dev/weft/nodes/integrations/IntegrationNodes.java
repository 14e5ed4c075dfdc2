package dev.weft.nodes.integrations;

import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.ArrayList;
import java.util.List;

/** The integration node pack: HTTP, webhooks, databases, brokers, email, feeds and the services people automate. */
public final class IntegrationNodes implements NodePack {

  @Override
  public String id() {
    return "weft.integrations";
  }

  @Override
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    // part A: HTTP Request, webhooks, databases, brokers, email, RSS
    // part B: Slack, Discord, Telegram, WhatsApp, Gmail, Google Drive, S3, Stripe
    return List.copyOf(nodes);
  }

  @Override
  public List<CredentialType> credentialTypes() {
    List<CredentialType> types = new ArrayList<>();
    // part A
    // part B
    return List.copyOf(types);
  }
}
