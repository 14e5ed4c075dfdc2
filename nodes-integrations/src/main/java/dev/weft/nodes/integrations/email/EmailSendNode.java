package dev.weft.nodes.integrations.email;

import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Send Email ({@code weft.emailSend}): sends one message per item over SMTP (STARTTLS or TLS by the credential), with a
 * text and/or HTML body and attachments taken from the item's binary properties, streamed from the binary store as
 * the message is written. Outputs {@code messageId} and the accepted recipients.
 */
public final class EmailSendNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.emailSend";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Send Email")
      .group("output")
      .icon("fa:envelope")
      .description("Sends an email over SMTP, with attachments from binary data")
      .parameters(
          ParameterSpec.string("from").displayName("From").required().placeholder("Weft <bot@example.com>"),
          ParameterSpec.string("to").displayName("To").required().description("Comma-separated addresses"),
          ParameterSpec.string("cc").displayName("CC"),
          ParameterSpec.string("bcc").displayName("BCC"),
          ParameterSpec.string("replyTo").displayName("Reply to"),
          ParameterSpec.string("subject").displayName("Subject"),
          ParameterSpec.string("text").displayName("Text"),
          ParameterSpec.string("html").displayName("HTML"),
          ParameterSpec.string("attachments").displayName("Attachments")
              .description("Comma-separated binary properties of the item to attach").placeholder("data, invoice"))
      .credential(MailAccounts.SMTP, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(MailAccounts.SMTP);
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    Transport transport;
    try {
      transport = MailAccounts.smtp(c);
    } catch (Exception e) {
      throw new NodeException(ServiceErrors.redact("the SMTP server " + c.string("host") + " refused the connection: "
          + MailAccounts.message(e), MailAccounts.secrets(c)), e);
    }
    try (transport) {
      for (int i = 0; i < items.size(); i++) {
        try {
          MimeMessage message = build(context, MailAccounts.smtpSession(c), items.get(i), i);
          Address[] recipients = message.getAllRecipients();
          transport.sendMessage(message, recipients);
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("messageId", message.getMessageID());
          List<Object> accepted = new ArrayList<>();
          for (Address a : recipients) {
            accepted.add(((InternetAddress) a).getAddress());
          }
          json.put("accepted", accepted);
          out.add(0, Item.of(json).pairedWith(i));
        } catch (NodeException e) {
          out.fail(i, e);
        } catch (jakarta.mail.MessagingException e) {
          out.fail(i, NodeException.item(i, ServiceErrors.redact("the SMTP server " + c.string("host")
              + " refused the message: " + MailAccounts.message(e), MailAccounts.secrets(c)), e));
        }
      }
    }
    return out.build();
  }

  private static MimeMessage build(NodeContext context, jakarta.mail.Session session, Item item, int i)
      throws Exception {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(addresses(context, "from", i, true)[0]);
    m.setRecipients(Message.RecipientType.TO, addresses(context, "to", i, true));
    m.setRecipients(Message.RecipientType.CC, addresses(context, "cc", i, false));
    m.setRecipients(Message.RecipientType.BCC, addresses(context, "bcc", i, false));
    InternetAddress[] replyTo = addresses(context, "replyTo", i, false);
    if (replyTo.length > 0) {
      m.setReplyTo(replyTo);
    }
    String subject = context.string("subject", i);
    m.setSubject(subject == null ? "" : subject, "UTF-8");
    m.setSentDate(java.util.Date.from(context.clock().instant()));
    String text = context.string("text", i);
    String html = context.string("html", i);
    MimeMultipart body;
    if (text != null && !text.isEmpty() && html != null && !html.isEmpty()) {
      body = new MimeMultipart("alternative");
      MimeBodyPart t = new MimeBodyPart();
      t.setText(text, "UTF-8");
      MimeBodyPart h = new MimeBodyPart();
      h.setText(html, "UTF-8", "html");
      body.addBodyPart(t);
      body.addBodyPart(h);
    } else {
      body = null;
    }
    List<BinaryData> attachments = new ArrayList<>();
    String names = context.string("attachments", i);
    if (names != null) {
      for (String n : names.split(",")) {
        if (n.isBlank()) {
          continue;
        }
        BinaryData data = item.binary().get(n.trim());
        if (data == null) {
          throw NodeException.parameter("attachments", i, "the item has no binary property '" + n.trim() + "'"
              + (item.binary().isEmpty() ? " (it has no binary data)" : "; it has " + item.binary().keySet()));
        }
        attachments.add(data);
      }
    }
    if (attachments.isEmpty()) {
      if (body != null) {
        m.setContent(body);
      } else if (html != null && !html.isEmpty()) {
        m.setText(html, "UTF-8", "html");
      } else {
        m.setText(text == null ? "" : text, "UTF-8");
      }
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart main = new MimeBodyPart();
      if (body != null) {
        main.setContent(body);
      } else if (html != null && !html.isEmpty()) {
        main.setText(html, "UTF-8", "html");
      } else {
        main.setText(text == null ? "" : text, "UTF-8");
      }
      mixed.addBodyPart(main);
      for (BinaryData data : attachments) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new StoredSource(context.binaries(), data)));
        part.setFileName(data.fileName() == null ? "attachment" : data.fileName());
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(part);
      }
      m.setContent(mixed);
    }
    m.saveChanges();
    return m;
  }

  private static InternetAddress[] addresses(NodeContext context, String parameter, int i, boolean required)
      throws NodeException {
    String text = context.string(parameter, i);
    if (text == null || text.isBlank()) {
      if (required) {
        throw NodeException.parameter(parameter, i, "give at least one address");
      }
      return new InternetAddress[0];
    }
    try {
      return InternetAddress.parse(text, true);
    } catch (AddressException e) {
      throw NodeException.parameter(parameter, i, "'" + text + "' is not a valid address list: " + e.getMessage());
    }
  }

  /** Attachment content read from the binary store when the message is written. */
  private record StoredSource(BinaryStore store, BinaryData data) implements DataSource {
    @Override
    public InputStream getInputStream() throws IOException {
      return store.open(data);
    }

    @Override
    public OutputStream getOutputStream() {
      throw new UnsupportedOperationException("attachments are read-only");
    }

    @Override
    public String getContentType() {
      return data.mimeType();
    }

    @Override
    public String getName() {
      return data.fileName();
    }
  }
}
