package dev.weft.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens (HS256 JWTs, short-lived, revocable until they expire by logout) and refresh tokens (random, stored
 * as SHA-256 hashes, replaced on every refresh so a stolen one works at most once).
 */
final class Tokens {
  static final String ISSUER = "weft";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ServerDatabase db;
  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;
  /** Access token ids logged out before they expire, with their expiry. */
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

  /** Who a valid access token speaks for. */
  record Principal(String userId, String email, String tokenId, Instant expiresAt) {}

  Tokens(ServerDatabase db, byte[] secret, Duration accessTtl, Duration refreshTtl, Clock clock) {
    this.db = db;
    try {
      this.signer = new MACSigner(secret);
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the token secret is unusable: " + e.getMessage(), e);
    }
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.clock = clock;
  }

  /** A fresh access and refresh token for a user. */
  Map<String, Object> issue(Users.User user) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(user.id())
        .claim("email", user.email())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(accessTtl)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("an access token could not be signed: " + e.getMessage(), e);
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    db.tx("storing a refresh token", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO weft_server_refresh_token (token_hash, user_id, expires_at, revoked) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, hash(refresh));
        ps.setString(2, user.id());
        ps.setTimestamp(3, ServerDatabase.ts(now.plus(refreshTtl)));
        ps.setBoolean(4, false);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM weft_server_refresh_token WHERE user_id = ? AND (expires_at < ? OR revoked = ?)")) {
        ps.setString(1, user.id());
        ps.setTimestamp(2, ServerDatabase.ts(now));
        ps.setBoolean(3, true);
        ps.executeUpdate();
      }
      return null;
    });
    Map<String, Object> pair = new LinkedHashMap<>();
    pair.put("token", jwt.serialize());
    pair.put("refreshToken", refresh);
    pair.put("expiresIn", accessTtl.toSeconds());
    pair.put("user", user.toJson());
    return pair;
  }

  /**
   * Checks an access token.
   *
   * @throws ApiException 401 saying why (malformed, bad signature, expired, logged out)
   */
  Principal verify(String token) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw ApiException.unauthorized("the access token is malformed");
    }
    try {
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw ApiException.unauthorized("the access token's signature is not valid");
      }
    } catch (JOSEException e) {
      throw ApiException.unauthorized("the access token's signature is not valid");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null || !ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getJWTID() == null) {
      throw ApiException.unauthorized("the access token lacks its issuer, subject, id or expiry");
    }
    Instant now = clock.instant();
    if (!exp.toInstant().isAfter(now)) {
      throw new ApiException(401, "token_expired", "the access token expired at " + exp.toInstant()
          + "; get a new one from POST /api/auth/refresh");
    }
    if (revoked.containsKey(claims.getJWTID())) {
      throw ApiException.unauthorized("the access token was logged out");
    }
    Object email = claims.getClaim("email");
    return new Principal(claims.getSubject(), email == null ? null : email.toString(), claims.getJWTID(),
        exp.toInstant());
  }

  /**
   * Uses up a refresh token: the user it belongs to, whose token is now revoked.
   *
   * @throws ApiException 401 when the token is unknown, used or expired
   */
  String consumeRefresh(String refreshToken) {
    Instant now = clock.instant();
    String userId = db.tx("using a refresh token", c -> {
      String user = null;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT user_id, expires_at, revoked FROM weft_server_refresh_token WHERE token_hash = ? FOR UPDATE")) {
        ps.setString(1, hash(refreshToken));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && !rs.getBoolean(3) && rs.getTimestamp(2).toInstant().isAfter(now)) {
            user = rs.getString(1);
          }
        }
      }
      if (user != null) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE weft_server_refresh_token SET revoked = ? WHERE token_hash = ?")) {
          ps.setBoolean(1, true);
          ps.setString(2, hash(refreshToken));
          ps.executeUpdate();
        }
      }
      return user;
    });
    if (userId == null) {
      throw ApiException.unauthorized("the refresh token is unknown, already used, revoked or expired; log in again");
    }
    return userId;
  }

  /** Logs out: the access token stops working now, and so does the refresh token when one is given. */
  void logout(Principal principal, String refreshToken) {
    Instant now = clock.instant();
    revoked.put(principal.tokenId(), principal.expiresAt());
    revoked.values().removeIf(expiry -> expiry.isBefore(now));
    if (refreshToken != null) {
      db.tx("revoking a refresh token", c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE weft_server_refresh_token SET revoked = ? WHERE token_hash = ? AND user_id = ?")) {
          ps.setBoolean(1, true);
          ps.setString(2, hash(refreshToken));
          ps.setString(3, principal.userId());
          return ps.executeUpdate();
        }
      });
    }
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
