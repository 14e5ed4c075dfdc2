package dev.weft.nodes.integrations.email;

import static dev.weft.nodes.integrations.Flows.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.BinaryData;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against GreenMail: SMTP, SMTPS (self-signed) and IMAP in process. */
class EmailNodesTest {
  private final InMemoryBinaryStore binaries = new InMemoryBinaryStore();
  private GreenMail mail;
  private ServerSetup smtp;
  private ServerSetup smtps;
  private ServerSetup imap;

  @BeforeEach
  void start() {
    smtp = ServerSetupTest.SMTP.dynamicPort();
    smtps = ServerSetupTest.SMTPS.dynamicPort();
    imap = ServerSetupTest.IMAP.dynamicPort();
    mail = new GreenMail(new ServerSetup[] {smtp, smtps, imap});
    mail.start();
    mail.setUser("bot@example.com", "bot", "bot-pw-123");
    mail.setUser("ada@example.com", "ada", "ada-pw-456");
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private Credentials smtpCredentials(boolean tls) {
    return new Credentials("smtp", MailAccounts.SMTP, Map.of("host", "127.0.0.1",
        "port", tls ? mail.getSmtps().getPort() : mail.getSmtp().getPort(), "security", tls ? "ssl" : "none",
        "user", "bot", "password", "bot-pw-123", "allowUnauthorizedCerts", true));
  }

  private Credentials imapCredentials() {
    return new Credentials("imap", MailAccounts.IMAP, Map.of("host", "127.0.0.1", "port", mail.getImap().getPort(),
        "ssl", false, "user", "ada", "password", "ada-pw-456"));
  }

  @Test
  void sendsOverTlsWithTextHtmlAndAStreamedAttachment() throws Exception {
    BinaryData pdf = binaries.store("%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8), "application/pdf",
        "invoice-7.pdf");
    try (Weft weft = Flows.engine(null, binaries, smtpCredentials(true))) {
      ExecutionResult r = weft.run(Flows.single("weft.emailSend", """
          { "from": "Weft Bot <bot@example.com>", "to": "{{ $json.email }}", "cc": "boss@example.com",
            "subject": "Invoice {{ $json.n }} – ready", "text": "Hello {{ $json.name }}", "html": "<p>Hello <b>{{ $json.name }}</b></p>",
            "attachments": "invoice" }""", "{ \"weft.smtp\": \"smtp\" }"),
          List.of(items("[{\"email\": \"ada@example.com\", \"name\": \"Ada\", \"n\": 7}]").get(0)
              .withBinary("invoice", pdf)));
      assertThat(r.error()).isNull();
      assertThat(r.items("Node").get(0).json().get("accepted")).isEqualTo(List.of("ada@example.com",
          "boss@example.com"));
      assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
      MimeMessage got = mail.getReceivedMessages()[0];
      assertThat(got.getSubject()).isEqualTo("Invoice 7 – ready");
      assertThat(((InternetAddress) got.getFrom()[0]).getPersonal()).isEqualTo("Weft Bot");
      assertThat(got.getMessageID()).isEqualTo(r.items("Node").get(0).json().get("messageId"));
      Multipart mixed = (Multipart) got.getContent();
      assertThat(mixed.getCount()).isEqualTo(2);
      Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
      assertThat(GreenMailUtil.getBody(alternative.getBodyPart(0))).isEqualTo("Hello Ada");
      assertThat(GreenMailUtil.getBody(alternative.getBodyPart(1))).isEqualTo("<p>Hello <b>Ada</b></p>");
      Part attachment = mixed.getBodyPart(1);
      assertThat(attachment.getFileName()).isEqualTo("invoice-7.pdf");
      assertThat(attachment.getContentType()).startsWith("application/pdf");
      assertThat(attachment.getInputStream().readAllBytes()).isEqualTo("%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void reportsBadAddressesAndMissingAttachments() {
    try (Weft weft = Flows.engine(null, binaries, smtpCredentials(false))) {
      ExecutionResult bad = weft.run(Flows.single("weft.emailSend", """
          { "from": "bot@example.com", "to": "not an address@@", "text": "x" }""", "{ \"weft.smtp\": \"smtp\" }"),
          List.of(Item.empty()));
      assertThat(bad.error().message()).contains("is not a valid address list");
      ExecutionResult missing = weft.run(Flows.single("weft.emailSend", """
          { "from": "bot@example.com", "to": "ada@example.com", "text": "x", "attachments": "report" }""",
          "{ \"weft.smtp\": \"smtp\" }"), List.of(Item.empty()));
      assertThat(missing.error().message()).contains("no binary property 'report'");
    }
  }

  @Test
  void theImapTriggerStartsOneExecutionPerNewMailAndRemembersIt() throws Exception {
    Flows.Record record = new Flows.Record();
    try (Weft weft = Flows.engine(null, binaries, List.of(record), imapCredentials())) {
      deliver("First", "plain body", null);
      weft.activate(Flows.triggered("wf-mail", "weft.emailTrigger", "{ \"pollSeconds\": 0.3 }",
          "{ \"weft.imap\": \"imap\" }", false));
      List<Item> seen = record.await(1);
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).json().get("subject")).isEqualTo("First");
      assertThat(seen.get(0).json().get("from")).isEqualTo("sender@example.com");
      assertThat(seen.get(0).json().get("to")).isEqualTo(List.of("ada@example.com"));
      assertThat(String.valueOf(seen.get(0).json().get("text")).trim()).isEqualTo("plain body");

      deliver("Second", "with file", "report.csv");
      seen = record.await(2);
      Thread.sleep(1000);
      weft.deactivate("wf-mail");
      assertThat(record.seen).as("each mail once").hasSize(2);
      Item second = seen.get(1);
      assertThat(second.json().get("subject")).isEqualTo("Second");
      BinaryData file = second.binary().get("attachment_0");
      assertThat(file.fileName()).isEqualTo("report.csv");
      assertThat(new String(binaries.readAll(file), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }
  }

  private void deliver(String subject, String text, String attachmentName) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom("sender@example.com");
    m.setRecipients(Message.RecipientType.TO, "ada@example.com");
    m.setSubject(subject);
    if (attachmentName == null) {
      m.setText(text);
    } else {
      MimeMultipart mp = new MimeMultipart();
      MimeBodyPart t = new MimeBodyPart();
      t.setText(text);
      MimeBodyPart a = new MimeBodyPart();
      a.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
          "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "application/octet-stream")));
      a.setFileName(attachmentName);
      a.setHeader("Content-Transfer-Encoding", "base64");
      a.setDisposition(Part.ATTACHMENT);
      mp.addBodyPart(t);
      mp.addBodyPart(a);
      m.setContent(mp);
    }
    GreenMailUtil.sendMimeMessage(m);
  }

  @Test
  void testsCredentials() throws Exception {
    CredentialTester smtpTester = MailAccounts.types().get(0).tester();
    CredentialTester imapTester = MailAccounts.types().get(1).tester();
    assertThat(smtpTester.test(smtpCredentials(true), null).ok()).isTrue();
    CredentialTester.Result ok = imapTester.test(imapCredentials(), null);
    assertThat(ok.ok()).as(ok.message()).isTrue();
    CredentialTester.Result bad = imapTester.test(new Credentials("x", MailAccounts.IMAP, Map.of("host", "127.0.0.1",
        "port", mail.getImap().getPort(), "ssl", false, "user", "ada", "password", "wrong-pw-999")), null);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.message()).startsWith("IMAP:").doesNotContain("wrong-pw-999");
  }
}
