package dev.weft.nodes.integrations.email;

import dev.weft.spi.BinaryData;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Email Trigger (IMAP) ({@code weft.emailTrigger}): polls a mailbox and starts one execution per new unread message.
 * Remembers the highest message UID it handled (per mailbox UID validity) in the trigger's static data, so a message
 * is handled once even when it stays unread; marks handled messages as read when asked. The item holds {@code from},
 * {@code to}, {@code cc}, {@code subject}, {@code date}, {@code messageId}, {@code text}, {@code html} and {@code uid};
 * attachments become binary properties {@code attachment_0}, {@code attachment_1} …
 */
public final class EmailTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.emailTrigger";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Email Trigger (IMAP)")
      .group("trigger")
      .icon("fa:inbox")
      .description("Starts the workflow for each new email in an IMAP mailbox")
      .inputs()
      .parameters(
          ParameterSpec.string("mailbox").displayName("Mailbox").defaultValue("INBOX"),
          ParameterSpec.number("pollSeconds").displayName("Check every (s)").defaultValue(60),
          ParameterSpec.bool("markSeen").displayName("Mark as read").defaultValue(true),
          ParameterSpec.bool("downloadAttachments").displayName("Download attachments").defaultValue(true))
      .credential(MailAccounts.IMAP, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String mailbox = context.parameter("mailbox", String.class);
    String box = mailbox == null || mailbox.isBlank() ? "INBOX" : mailbox;
    double seconds = context.parameter("pollSeconds", Number.class).doubleValue();
    if (seconds < 0.1) {
      throw NodeException.parameter("pollSeconds", -1, "poll at most every 0.1 s, got " + seconds);
    }
    boolean markSeen = !Boolean.FALSE.equals(context.parameter("markSeen", Boolean.class));
    boolean attachments = !Boolean.FALSE.equals(context.parameter("downloadAttachments", Boolean.class));
    Credentials c = context.credentials(MailAccounts.IMAP);
    try (Store store = MailAccounts.imap(c)) {
      Folder f = store.getFolder(box);
      if (!f.exists()) {
        throw NodeException.parameter("mailbox", -1, "the mailbox '" + box + "' does not exist");
      }
    } catch (NodeException e) {
      throw e;
    } catch (Exception e) {
      throw new NodeException("cannot log in to the IMAP server " + c.string("host") + ": "
          + MailAccounts.message(e), e);
    }
    Object lock = new Object();
    return context.every(Duration.ofMillis((long) (seconds * 1000)), () -> {
      synchronized (lock) {
        try {
          poll(context, c, box, markSeen, attachments);
        } catch (Exception e) {
          context.logger().warn("Email trigger could not read mailbox {} at {}: {}", box, c.string("host"),
              MailAccounts.message(e));
        }
      }
    });
  }

  private static void poll(TriggerContext context, Credentials c, String box, boolean markSeen, boolean attachments)
      throws Exception {
    try (Store store = MailAccounts.imap(c)) {
      Folder folder = store.getFolder(box);
      folder.open(markSeen ? Folder.READ_WRITE : Folder.READ_ONLY);
      try {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        Map<String, Object> state = context.staticData();
        Object knownValidity = state.get("uidValidity");
        long lastUid = knownValidity != null && ((Number) knownValidity).longValue() == validity
            && state.get("lastUid") instanceof Number n ? n.longValue() : 0;
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        List<Message> fresh = new ArrayList<>(Arrays.asList(unseen));
        fresh.removeIf(m -> {
          try {
            return uids.getUID(m) <= lastUid;
          } catch (Exception e) {
            return true;
          }
        });
        fresh.sort(Comparator.comparingLong(m -> {
          try {
            return uids.getUID(m);
          } catch (Exception e) {
            return Long.MAX_VALUE;
          }
        }));
        for (Message m : fresh) {
          long uid = uids.getUID(m);
          Item item = toItem(context, (MimeMessage) m, uid, attachments);
          context.emit(List.of(item)).toCompletableFuture().join();
          if (markSeen) {
            m.setFlag(Flags.Flag.SEEN, true);
          }
          state.put("uidValidity", validity);
          state.put("lastUid", uid);
        }
      } finally {
        folder.close(false);
      }
    }
  }

  private static Item toItem(TriggerContext context, MimeMessage m, long uid, boolean attachments) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("uid", uid);
    json.put("messageId", m.getMessageID());
    json.put("from", addresses(m.getFrom()).stream().findFirst().orElse(null));
    json.put("to", addresses(m.getRecipients(Message.RecipientType.TO)));
    json.put("cc", addresses(m.getRecipients(Message.RecipientType.CC)));
    json.put("subject", m.getSubject());
    json.put("date", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
    Body body = new Body();
    collect(context, m, body, attachments);
    json.put("text", body.text);
    json.put("html", body.html);
    Item item = Item.of(json);
    return body.files.isEmpty() ? item : item.withBinary(body.files);
  }

  private static List<Object> addresses(Address[] list) {
    List<Object> result = new ArrayList<>();
    if (list != null) {
      for (Address a : list) {
        result.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
      }
    }
    return result;
  }

  private static final class Body {
    String text;
    String html;
    final Map<String, BinaryData> files = new LinkedHashMap<>();
  }

  private static void collect(TriggerContext context, Part part, Body body, boolean attachments) throws Exception {
    String disposition = part.getDisposition();
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart p = mp.getBodyPart(i);
        collect(context, p, body, attachments);
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null) {
      if (attachments) {
        String type = part.getContentType() == null ? null : part.getContentType().split(";")[0].trim();
        try (InputStream in = part.getInputStream()) {
          body.files.put("attachment_" + body.files.size(), context.binaries().store(in, type, part.getFileName()));
        }
      }
    } else if (part.isMimeType("text/plain") && body.text == null) {
      body.text = String.valueOf(part.getContent());
    } else if (part.isMimeType("text/html") && body.html == null) {
      body.html = String.valueOf(part.getContent());
    }
  }
}
