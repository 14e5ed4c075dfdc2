package dev.weft.nodes.integrations.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a curl command line (as copied from API documentation or a browser's developer tools) into the parameters of
 * an HTTP Request node. Understands shell quoting ({@code '…'}, {@code "…"}, {@code $'…'}, backslashes and line
 * continuations) and the options that shape a request: {@code -X}, {@code -H}, {@code -d} and its variants,
 * {@code --json}, {@code -F}, {@code -G}, {@code -I}, {@code -u}, {@code -A}, {@code -e}, {@code -b}, {@code -L},
 * {@code -m}/{@code --max-time}, {@code --url}. Options that do not change the request ({@code -s}, {@code -v},
 * {@code --compressed}, …) are ignored; options it cannot carry over are refused by name.
 *
 * <pre>{@code
 * Map<String, Object> parameters = CurlParser.parse("curl -X POST https://api.example.com/v1/items -H 'Authorization: Bearer x' --json '{\"a\":1}'");
 * }</pre>
 *
 * <p>A {@code -u user:password} becomes an {@code Authorization: Basic} header; move it into a credential before
 * saving the workflow. A {@code -F name=@file} part becomes a binary multipart field reading the item's binary
 * property {@code data} (the second file {@code data1}, and so on), since a workflow has no local files.
 */
public final class CurlParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> IGNORED_FLAGS = List.of("-s", "--silent", "-S", "--show-error", "-v", "--verbose",
      "--compressed", "-i", "--include", "-f", "--fail", "-k", "--insecure", "-#", "--progress-bar", "-N",
      "--no-buffer", "--http1.1", "--http2", "-g", "--globoff", "--location-trusted", "-sS", "-sL", "-Ss", "-Ls");
  private static final List<String> IGNORED_WITH_VALUE = List.of("-o", "--output", "-w", "--write-out",
      "--connect-timeout", "--retry", "--retry-delay", "--max-redirs", "-c", "--cookie-jar", "--cacert", "--resolve");

  private CurlParser() {}

  /**
   * The HTTP Request node parameters for a curl command.
   *
   * @throws IllegalArgumentException naming the option or quote at fault when the command cannot be read
   */
  public static Map<String, Object> parse(String command) {
    List<String> args = tokenize(command);
    if (args.isEmpty() || !args.get(0).equals("curl")) {
      throw new IllegalArgumentException("a curl command starts with 'curl'");
    }
    String method = null;
    String url = null;
    boolean get = false;
    boolean head = false;
    Boolean follow = null;
    Integer timeoutMs = null;
    List<String[]> headers = new ArrayList<>();
    List<String> data = new ArrayList<>();
    boolean dataIsJson = false;
    List<String[]> formParts = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      String name = a;
      String inline = null;
      if (a.startsWith("--") && a.contains("=")) {
        name = a.substring(0, a.indexOf('='));
        inline = a.substring(a.indexOf('=') + 1);
      } else if (a.length() > 2 && a.startsWith("-") && !a.startsWith("--") && "XHdFuAebm".indexOf(a.charAt(1)) >= 0) {
        name = a.substring(0, 2);
        inline = a.substring(2);
      }
      switch (name) {
        case "-X", "--request" -> method = value(args, ++i, inline, name).toUpperCase(Locale.ROOT);
        case "-H", "--header" -> {
          String h = value(args, inline == null ? ++i : i, inline, name);
          int colon = h.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("header '" + h + "' has no 'Name: value' form");
          }
          String v = h.substring(colon + 1).trim();
          if (!v.isEmpty()) {
            headers.add(new String[] {h.substring(0, colon).trim(), v});
          }
        }
        case "-d", "--data", "--data-ascii", "--data-binary", "--data-raw" -> {
          String d = value(args, inline == null ? ++i : i, inline, name);
          if (d.startsWith("@") && !name.equals("--data-raw")) {
            throw new IllegalArgumentException(name + " " + d + " reads a local file, which a workflow cannot do; "
                + "paste the content instead");
          }
          data.add(d);
        }
        case "--data-urlencode" -> {
          String d = value(args, inline == null ? ++i : i, inline, name);
          int eq = d.indexOf('=');
          data.add(eq < 0 ? encode(d) : d.substring(0, eq + 1) + encode(d.substring(eq + 1)));
        }
        case "--json" -> {
          data.add(value(args, inline == null ? ++i : i, inline, name));
          dataIsJson = true;
        }
        case "-F", "--form", "--form-string" -> {
          String f = value(args, inline == null ? ++i : i, inline, name);
          int eq = f.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException(name + " '" + f + "' has no 'name=value' form");
          }
          formParts.add(new String[] {f.substring(0, eq), f.substring(eq + 1), name});
        }
        case "-G", "--get" -> get = true;
        case "-I", "--head" -> head = true;
        case "-L", "--location" -> follow = true;
        case "-u", "--user" -> {
          String u = value(args, inline == null ? ++i : i, inline, name);
          headers.add(new String[] {"Authorization",
              "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))});
        }
        case "-A", "--user-agent" -> headers.add(new String[] {"User-Agent", value(args, inline == null ? ++i : i,
            inline, name)});
        case "-e", "--referer" -> headers.add(new String[] {"Referer", value(args, inline == null ? ++i : i, inline,
            name)});
        case "-b", "--cookie" -> headers.add(new String[] {"Cookie", value(args, inline == null ? ++i : i, inline,
            name)});
        case "-m", "--max-time" -> {
          String t = value(args, inline == null ? ++i : i, inline, name);
          try {
            timeoutMs = (int) Math.round(Double.parseDouble(t) * 1000);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs seconds, got '" + t + "'");
          }
        }
        case "--url" -> url = value(args, inline == null ? ++i : i, inline, name);
        default -> {
          if (IGNORED_FLAGS.contains(a)) {
            continue;
          }
          if (IGNORED_WITH_VALUE.contains(name)) {
            if (inline == null) {
              i++;
            }
            continue;
          }
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("curl option " + a + " is not supported by the import");
          }
          if (url != null) {
            throw new IllegalArgumentException("two URLs given: '" + url + "' and '" + a + "'");
          }
          url = a;
        }
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("the curl command has no URL");
    }
    if (!url.contains("://")) {
      url = "http://" + url;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    if (head) {
      method = "HEAD";
    }
    if (get && !data.isEmpty()) {
      String joined = String.join("&", data);
      url = url + (url.contains("?") ? "&" : "?") + joined;
      data.clear();
    }
    if (method == null) {
      method = !data.isEmpty() || !formParts.isEmpty() ? "POST" : "GET";
    }
    p.put("method", method);
    // the URL keeps its query text as given: split query parameters would be re-encoded differently
    p.put("url", url);
    String contentType = null;
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase("content-type")) {
        contentType = h[1];
      }
    }
    if (dataIsJson) {
      if (contentType == null) {
        headers.add(new String[] {"Content-Type", "application/json"});
        contentType = "application/json";
      }
      if (headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("accept"))) {
        headers.add(new String[] {"Accept", "application/json"});
      }
    }
    if (!formParts.isEmpty()) {
      if (!data.isEmpty()) {
        throw new IllegalArgumentException("a curl command cannot send both -d and -F data");
      }
      p.put("bodyType", "multipart");
      List<Object> fields = new ArrayList<>();
      int files = 0;
      for (String[] part : formParts) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", part[0]);
        if (part[1].startsWith("@") && !part[2].equals("--form-string")) {
          f.put("kind", "binary");
          f.put("binaryProperty", files == 0 ? "data" : "data" + files);
          files++;
        } else {
          f.put("kind", "text");
          f.put("value", part[1]);
        }
        fields.add(f);
      }
      p.put("multipartFields", fields);
      headers.removeIf(h -> h[0].equalsIgnoreCase("content-type"));
    } else if (!data.isEmpty()) {
      String body = String.join("&", data);
      String ct = contentType == null ? "application/x-www-form-urlencoded" : contentType.toLowerCase(Locale.ROOT);
      if (ct.contains("json")) {
        try {
          p.put("bodyType", "json");
          p.put("jsonBody", MAPPER.readValue(body, Object.class));
          headers.removeIf(h -> h[0].equalsIgnoreCase("content-type") && h[1].toLowerCase(Locale.ROOT)
              .startsWith("application/json"));
        } catch (Exception notJson) {
          p.put("bodyType", "raw");
          p.put("rawBody", body);
          p.put("rawContentType", contentType);
          p.remove("jsonBody");
        }
      } else if (ct.startsWith("application/x-www-form-urlencoded") && isForm(body)) {
        p.put("bodyType", "form");
        List<Object> fields = new ArrayList<>();
        for (String pair : body.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("name", URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
          f.put("value", eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          fields.add(f);
        }
        p.put("formFields", fields);
        headers.removeIf(h -> h[0].equalsIgnoreCase("content-type"));
      } else {
        p.put("bodyType", "raw");
        p.put("rawBody", body);
        p.put("rawContentType", contentType == null ? "application/x-www-form-urlencoded" : contentType);
        headers.removeIf(h -> h[0].equalsIgnoreCase("content-type"));
      }
    }
    if (!headers.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (String[] h : headers) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", h[0]);
        e.put("value", h[1]);
        list.add(e);
      }
      p.put("headers", list);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    // curl does not follow redirects unless told to; keep its behaviour
    options.put("followRedirects", follow != null && follow);
    if (timeoutMs != null) {
      options.put("timeoutMs", timeoutMs);
    }
    p.put("options", options);
    return p;
  }

  private static boolean isForm(String body) {
    for (String pair : body.split("&")) {
      if (!pair.isEmpty() && !pair.matches("[^=\\s]+(=[^\\s]*)?")) {
        return false;
      }
    }
    return true;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String value(List<String> args, int i, String inline, String option) {
    if (inline != null && !inline.isEmpty()) {
      return inline;
    }
    if (i >= args.size()) {
      throw new IllegalArgumentException("curl option " + option + " needs a value");
    }
    return args.get(i);
  }

  /**
   * Splits a command line as a POSIX shell would: quotes, backslash escapes, {@code $'…'} strings and line
   * continuations.
   */
  static List<String> tokenize(String command) {
    if (command == null) {
      throw new IllegalArgumentException("no curl command given");
    }
    List<String> tokens = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inToken = false;
    int n = command.length();
    for (int i = 0; i < n; i++) {
      char c = command.charAt(i);
      if (c == '\\' && i + 1 < n && (command.charAt(i + 1) == '\n' || command.charAt(i + 1) == '\r')) {
        i++;
        if (command.charAt(i) == '\r' && i + 1 < n && command.charAt(i + 1) == '\n') {
          i++;
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (inToken) {
          tokens.add(cur.toString());
          cur.setLength(0);
          inToken = false;
        }
        continue;
      }
      inToken = true;
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed single quote at position " + i);
        }
        cur.append(command, i + 1, end);
        i = end;
      } else if (c == '$' && i + 1 < n && command.charAt(i + 1) == '\'') {
        i += 2;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unclosed $'…' string");
          }
          char d = command.charAt(i);
          if (d == '\'') {
            break;
          }
          if (d == '\\' && i + 1 < n) {
            char e = command.charAt(++i);
            switch (e) {
              case 'n' -> cur.append('\n');
              case 't' -> cur.append('\t');
              case 'r' -> cur.append('\r');
              case '\\', '\'', '"' -> cur.append(e);
              default -> cur.append('\\').append(e);
            }
          } else {
            cur.append(d);
          }
          i++;
        }
      } else if (c == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unclosed double quote");
          }
          char d = command.charAt(i);
          if (d == '"') {
            break;
          }
          if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(command.charAt(i + 1)) >= 0) {
            char e = command.charAt(++i);
            if (e != '\n') {
              cur.append(e);
            }
          } else {
            cur.append(d);
          }
          i++;
        }
      } else if (c == '\\' && i + 1 < n) {
        cur.append(command.charAt(++i));
      } else {
        cur.append(c);
      }
    }
    if (inToken) {
      tokens.add(cur.toString());
    }
    return tokens;
  }
}
