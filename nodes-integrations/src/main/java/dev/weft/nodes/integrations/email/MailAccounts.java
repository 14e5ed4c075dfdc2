package dev.weft.nodes.integrations.email;

import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.List;
import java.util.Properties;

/** The SMTP ({@code weft.smtp}) and IMAP ({@code weft.imap}) credentials and their mail sessions. */
public final class MailAccounts {
  /** The SMTP credential type id. */
  public static final String SMTP = "weft.smtp";
  /** The IMAP credential type id. */
  public static final String IMAP = "weft.imap";

  private MailAccounts() {}

  /** The credential types. */
  public static List<CredentialType> types() {
    return List.of(
        CredentialType.builder(SMTP).displayName("SMTP")
            .description("An outgoing mail server")
            .fields(ParameterSpec.string("host").displayName("Host").required().build(),
                ParameterSpec.number("port").displayName("Port").defaultValue(587).build(),
                ParameterSpec.options("security", Option.of("starttls", "STARTTLS (required)"),
                    Option.of("ssl", "TLS from the start (SMTPS)"), Option.of("none", "None")).displayName("Security")
                    .build(),
                ParameterSpec.string("user").displayName("User").build(),
                ParameterSpec.string("password").displayName("Password").secret().build(),
                ParameterSpec.bool("allowUnauthorizedCerts").displayName("Trust any certificate").defaultValue(false)
                    .build())
            .tester(MailAccounts::testSmtp).build(),
        CredentialType.builder(IMAP).displayName("IMAP")
            .description("A mailbox read over IMAP")
            .fields(ParameterSpec.string("host").displayName("Host").required().build(),
                ParameterSpec.number("port").displayName("Port").defaultValue(993).build(),
                ParameterSpec.bool("ssl").displayName("TLS").defaultValue(true).build(),
                ParameterSpec.string("user").displayName("User").required().build(),
                ParameterSpec.string("password").displayName("Password").secret().build(),
                ParameterSpec.bool("allowUnauthorizedCerts").displayName("Trust any certificate").defaultValue(false)
                    .build())
            .tester(MailAccounts::testImap).build());
  }

  static List<String> secrets(Credentials c) {
    return c.string("password") == null ? List.of() : List.of(c.string("password"));
  }

  static String message(Throwable e) {
    Throwable t = e;
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
        sb.append(": ").append(t.getMessage());
      }
    }
    return sb.toString();
  }

  private static int port(Credentials c, int fallback) {
    Object p = c.get("port");
    return p == null || String.valueOf(p).isBlank() ? fallback : (int) Double.parseDouble(String.valueOf(p));
  }

  /** The SMTP session and protocol ({@code smtp} or {@code smtps}) of a credential. */
  static Session smtpSession(Credentials c) {
    String security = c.string("security") == null ? "starttls" : c.string("security");
    String protocol = security.equals("ssl") ? "smtps" : "smtp";
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.put("mail.transport.protocol", protocol);
    p.put(prefix + "host", c.string("host"));
    p.put(prefix + "port", String.valueOf(port(c, security.equals("ssl") ? 465 : 587)));
    p.put(prefix + "auth", String.valueOf(c.string("user") != null && !c.string("user").isBlank()));
    p.put(prefix + "connectiontimeout", "10000");
    p.put(prefix + "timeout", "30000");
    p.put(prefix + "writetimeout", "30000");
    if (security.equals("starttls")) {
      p.put(prefix + "starttls.enable", "true");
      p.put(prefix + "starttls.required", "true");
    }
    if (security.equals("ssl")) {
      p.put(prefix + "ssl.enable", "true");
    }
    p.put(prefix + "ssl.checkserveridentity", "true");
    if (Boolean.parseBoolean(String.valueOf(c.get("allowUnauthorizedCerts")))) {
      p.put(prefix + "ssl.trust", "*");
      p.put(prefix + "ssl.checkserveridentity", "false");
    }
    return Session.getInstance(p);
  }

  /** A connected SMTP transport (the caller closes it). */
  static Transport smtp(Credentials c) throws Exception {
    Session s = smtpSession(c);
    Transport t = s.getTransport();
    String user = c.string("user");
    if (user != null && !user.isBlank()) {
      t.connect(user, c.string("password"));
    } else {
      t.connect();
    }
    return t;
  }

  /** A connected IMAP store (the caller closes it). */
  static Store imap(Credentials c) throws Exception {
    boolean ssl = !"false".equals(String.valueOf(c.get("ssl")));
    String protocol = ssl ? "imaps" : "imap";
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "connectiontimeout", "10000");
    p.put(prefix + "timeout", "30000");
    if (Boolean.parseBoolean(String.valueOf(c.get("allowUnauthorizedCerts")))) {
      p.put(prefix + "ssl.trust", "*");
      p.put(prefix + "ssl.checkserveridentity", "false");
    }
    Store store = Session.getInstance(p).getStore(protocol);
    store.connect(c.string("host"), port(c, ssl ? 993 : 143), c.string("user"), c.string("password"));
    return store;
  }

  static CredentialTester.Result testSmtp(Credentials c, dev.weft.spi.Services services) {
    try {
      smtp(c).close();
      return CredentialTester.Result.ok("the SMTP server " + c.string("host") + " accepted the login");
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact("SMTP: " + message(e), secrets(c)));
    }
  }

  static CredentialTester.Result testImap(Credentials c, dev.weft.spi.Services services) {
    try {
      imap(c).close();
      return CredentialTester.Result.ok("the IMAP server " + c.string("host") + " accepted the login");
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact("IMAP: " + message(e), secrets(c)));
    }
  }
}
