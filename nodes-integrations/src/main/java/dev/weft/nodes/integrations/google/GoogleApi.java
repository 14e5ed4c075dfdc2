package dev.weft.nodes.integrations.google;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.ServiceException;
import dev.weft.nodes.integrations.oauth.OAuth2;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Calls to a Google API with the Google OAuth2 credential: a token valid for another minute on every call, and when
 * Google still answers 401 (a token revoked or rotated elsewhere) one refresh and one more try. Google's errors are
 * reported with their reason ({@code notFound}, {@code insufficientPermissions} …).
 */
final class GoogleApi {
  private final NodeContext context;
  private final Credentials credentials;
  private final String service;
  private final String defaultBase;
  private String token;

  GoogleApi(NodeContext context, String service, String defaultBase) throws NodeException {
    this.context = context;
    this.credentials = context.credentials(OAuth2.GOOGLE_TYPE);
    this.service = service;
    this.defaultBase = defaultBase;
    this.token = OAuth2.accessToken(credentials, context, context.clock());
  }

  /** The API's base URL: the credential's override, or the service's own host. */
  HttpUrl.Builder url(String path) {
    String base = credentials.string("apiBaseUrl");
    base = base == null || base.isBlank() ? defaultBase : base.trim();
    return HttpUrl.get(base.replaceAll("/+$", "") + path).newBuilder();
  }

  /** Sends a request built with the current token and parses its JSON answer. */
  Map<String, Object> object(RequestFactory request) throws NodeException {
    Object v = withToken(request, true);
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return map;
    }
    return v == null ? Map.of() : Map.of("result", v);
  }

  /** Sends a request built with the current token and returns the successful answer unread. */
  Response open(RequestFactory request) throws NodeException {
    return (Response) withToken(request, false);
  }

  private Object withToken(RequestFactory factory, boolean json) throws NodeException {
    try {
      return send(factory, json);
    } catch (ServiceException e) {
      if (e.status() != 401) {
        throw e;
      }
      token = OAuth2.refreshedToken(credentials, context, context.clock());
      return send(factory, json);
    }
  }

  private Object send(RequestFactory factory, boolean json) throws NodeException {
    ApiClient api = client();
    Request request = factory.build(new Request.Builder().header("Authorization", "Bearer " + token));
    return json ? api.json(request) : api.open(request);
  }

  /** The client calls go through, with the token masked and Google's error shape read. */
  ApiClient client() {
    return ApiClient.of(service, context, token, credentials.string(OAuth2.REFRESH_TOKEN),
        credentials.string(OAuth2.CLIENT_SECRET)).withErrorReader(GoogleApi::error);
  }

  static String error(String body) {
    if (!(ApiClient.parse(body) instanceof Map<?, ?> m) || !(m.get("error") instanceof Map<?, ?> e)) {
      return null;
    }
    StringBuilder sb = new StringBuilder(String.valueOf(e.get("message")));
    List<String> reasons = new ArrayList<>();
    if (e.get("errors") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> err && err.get("reason") != null) {
          reasons.add(String.valueOf(err.get("reason")) + (err.get("location") == null ? ""
              : " at " + err.get("location")));
        }
      }
    }
    if (reasons.isEmpty() && e.get("status") != null) {
      reasons.add(String.valueOf(e.get("status")));
    }
    if (!reasons.isEmpty()) {
      sb.append(" (").append(String.join(", ", reasons)).append(')');
    }
    return sb.toString();
  }

  /** Builds a request on a builder that already carries the token. */
  @FunctionalInterface
  interface RequestFactory {
    Request build(Request.Builder withToken) throws NodeException;
  }
}
