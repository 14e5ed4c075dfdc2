package dev.weft.server;

import dev.weft.store.AuditEntry;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/auth}: the first user registers freely (later ones when registration is open, or when a signed-in
 * user registers them); login answers an access and a refresh token; refresh swaps a refresh token for new tokens;
 * logout ends both. Login, register and refresh are rate-limited per client address.
 */
final class AuthApi {
  private final ServerState s;
  private final RateLimiter limiter;
  private RouteTable table;

  AuthApi(ServerState s) {
    this.s = s;
    this.limiter = new RateLimiter(s.config.authRequestsPerMinute(), s.clock);
  }

  void register(RouteTable t) {
    this.table = t;
    t.open(HandlerType.GET, "/api/auth/status", this::status);
    t.open(HandlerType.POST, "/api/auth/register", this::registerUser);
    t.open(HandlerType.POST, "/api/auth/login", this::login);
    t.open(HandlerType.POST, "/api/auth/refresh", this::refresh);
    t.user(HandlerType.POST, "/api/auth/logout", this::logout);
    t.user(HandlerType.GET, "/api/auth/me", (ctx, user) -> Api.ok(ctx, s.users.get(user.userId())
        .orElseThrow(() -> ApiException.unauthorized("the signed-in user no longer exists")).toJson()));
  }

  private void status(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("setupRequired", s.users.count() == 0);
    m.put("openRegistration", s.config.openRegistration());
    Api.ok(ctx, m);
  }

  private void limit(Context ctx) {
    long wait = limiter.acquire(ctx.ip());
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      throw new ApiException(429, "rate_limited", "too many sign-in requests from " + ctx.ip() + "; try again in "
          + wait + " s", Map.of("retryAfterSeconds", wait));
    }
  }

  private void registerUser(Context ctx) {
    limit(ctx);
    Map<String, Object> body = Api.body(ctx);
    synchronized (this) {
      Tokens.Principal by = null;
      if (!s.config.openRegistration() && s.users.count() > 0) {
        // only a signed-in user may add accounts once the first one exists
        by = table.principal(ctx, false);
      }
      Users.User user = s.users.create(Api.optionalString(body, "email"), Api.optionalString(body, "password"));
      s.audit.record(by == null ? user.id() : by.userId(), "user.register", "user", user.id(), "email",
          user.email(), "role", user.role());
      Api.json(ctx, 201, s.tokens.issue(user));
    }
  }

  private void login(Context ctx) {
    limit(ctx);
    Map<String, Object> body = Api.body(ctx);
    String email = Api.optionalString(body, "email");
    String password = Api.optionalString(body, "password");
    if (email == null || email.isBlank()) {
      throw ApiException.invalid("email", "field 'email' is required");
    }
    if (password == null || password.isEmpty()) {
      throw ApiException.invalid("password", "field 'password' is required");
    }
    Users.User user = s.users.authenticate(email, password).orElse(null);
    if (user == null) {
      // the account tried, when there is one; never what was typed (a password typed into the e-mail field)
      s.audit.record(AuditEntry.ANONYMOUS, "user.login.failed", "user", s.users.idOf(email).orElse(null));
      throw new ApiException(401, "invalid_credentials", "the e-mail or password is wrong");
    }
    s.audit.record(user.id(), "user.login", "user", user.id());
    Api.ok(ctx, s.tokens.issue(user));
  }

  private void refresh(Context ctx) {
    limit(ctx);
    String refreshToken = Api.requiredString(Api.body(ctx), "refreshToken");
    String userId = s.tokens.consumeRefresh(refreshToken);
    Users.User user = s.users.get(userId).orElseThrow(() -> ApiException.unauthorized(
        "the refresh token's user no longer exists"));
    Api.ok(ctx, s.tokens.issue(user));
  }

  private void logout(Context ctx, Tokens.Principal user) {
    String refreshToken = Api.optionalString(Api.body(ctx), "refreshToken");
    s.tokens.logout(user, refreshToken);
    s.audit.record(user, "user.logout", "user", user.userId());
    ctx.status(204);
  }
}
