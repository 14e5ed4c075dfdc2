package dev.weft.nodes.integrations.redis;

import static dev.weft.nodes.integrations.Flows.items;
import static dev.weft.nodes.integrations.Flows.json;
import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Against the Redis server of this machine (127.0.0.1:6379). */
class RedisNodeTest {
  static final Credentials CREDENTIALS = new Credentials("redis", RedisAccess.TYPE, Map.of("host", "127.0.0.1",
      "port", 6379));
  private final String key = "weft:test:" + UUID.randomUUID();

  private static ExecutionResult run(Weft weft, String params, String input) {
    return weft.run(Flows.single("weft.redis", params, "{ \"weft.redis\": \"redis\" }"), items(input));
  }

  @Test
  void setsGetsIncrementsAndDeletesKeys() throws Exception {
    try (Weft weft = Flows.engine(null, CREDENTIALS); Jedis jedis = RedisAccess.connect(CREDENTIALS)) {
      ExecutionResult set = run(weft, """
          { "operation": "set", "key": "%s", "value": "{{ $json.doc }}", "expireSeconds": 60 }""".formatted(key),
          "[{\"doc\": {\"a\": 1}}]");
      assertThat(set.error()).isNull();
      assertThat(jedis.get(key)).isEqualTo("{\"a\":1}");
      assertThat(jedis.ttl(key)).isBetween(1L, 60L);

      ExecutionResult nx = run(weft, """
          { "operation": "set", "key": "%s", "value": "other", "condition": "ifAbsent" }""".formatted(key), "[{}]");
      assertThat(nx.items("Node").get(0).json().get("written")).isEqualTo(false);

      ExecutionResult get = run(weft, """
          { "operation": "get", "key": "%s", "propertyName": "cached" }""".formatted(key), "[{\"id\": 9}]");
      assertThat(get.items("Node").get(0).json()).isEqualTo(parse("{\"id\": 9, \"cached\": {\"a\": 1}}"));

      ExecutionResult incr = run(weft, """
          { "operation": "incr", "key": "%s:n", "by": "{{ $json.by }}" }""".formatted(key), "[{\"by\": 5}, {\"by\": 2}]");
      assertThat(json(incr.items("Node"))).isEqualTo(parse("[{\"by\": 5, \"value\": 5}, {\"by\": 2, \"value\": 7}]"));

      ExecutionResult del = run(weft, """
          { "operation": "delete", "key": "{{ $json.k }}" }""", "[{\"k\": \"%s\"}, {\"k\": \"%s:n\"}, {\"k\": \"%s:none\"}]"
          .formatted(key, key, key));
      assertThat(del.items("Node").stream().map(i -> i.json().get("deleted")).toList()).containsExactly(1L, 1L, 0L);
      assertThat(jedis.exists(key)).isFalse();

      ExecutionResult missing = run(weft, "{ \"operation\": \"get\", \"key\": \"%s\" }".formatted(key), "[{}]");
      assertThat(missing.items("Node").get(0).json()).containsEntry("value", null);
    }
  }

  @Test
  void theTriggerReceivesPublishedMessages() throws Exception {
    Flows.Record record = new Flows.Record();
    try (Weft weft = Flows.engine(null, null, List.of(record), CREDENTIALS)) {
      weft.activate(Flows.triggered("wf-redis", "weft.redisTrigger", "{ \"channels\": \"%s, %s:events:*\" }"
          .formatted(key, key), "{ \"weft.redis\": \"redis\" }", false));
      ExecutionResult pub = run(weft, """
          { "operation": "publish", "channel": "%s:events:created" }""".formatted(key), "[{\"id\": 4}]");
      assertThat(pub.error()).isNull();
      assertThat(pub.items("Node").get(0).json().get("receivers")).isEqualTo(1L);
      run(weft, """
          { "operation": "publish", "channel": "%s", "content": "text", "message": "plain" }""".formatted(key), "[{}]");
      List<Item> seen = record.await(2);
      weft.deactivate("wf-redis");
      // each message starts its own execution, and the two may finish in either order
      assertThat(seen).extracting(i -> (Object) i.json()).containsExactlyInAnyOrder(
          parse("""
              { "channel": "%s:events:created", "message": {"id": 4}, "pattern": "%s:events:*" }""".formatted(key, key)),
          parse("{ \"channel\": \"%s\", \"message\": \"plain\" }".formatted(key)));
    }
  }

  @Test
  void testsCredentials() throws Exception {
    CredentialTester.Result ok = RedisAccess.type().tester().test(CREDENTIALS, null);
    assertThat(ok.ok()).as(ok.message()).isTrue();
    assertThat(ok.message()).contains("PONG");
    CredentialTester.Result bad = RedisAccess.type().tester().test(new Credentials("x", RedisAccess.TYPE,
        Map.of("host", "127.0.0.1", "port", 6379, "password", "no-such-pw-55")), null);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.message()).doesNotContain("no-such-pw-55");
  }
}
