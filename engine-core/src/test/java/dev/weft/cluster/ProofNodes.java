package dev.weft.cluster;

import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.NodePack;
import dev.weft.spi.ParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Nodes of the queue-mode proofs of every backend (JDBC, Redis): a start node ({@code proof.start}), a node whose
 * side effect is a row in {@code proof_effect} of the test database (execution, node, instance from the system property
 * {@code weft.instance}), reached through the engine's {@code DataSource} service, so a test counts how often each node
 * ran across JVMs ({@code proof.effect}), and a pause of {@code ms} milliseconds ({@code proof.pause}).
 */
public final class ProofNodes implements NodePack {
  /** Creates the effect table when missing. */
  public static final String EFFECTS = "CREATE TABLE IF NOT EXISTS proof_effect (execution_id VARCHAR(64) NOT NULL,"
      + " node VARCHAR(64) NOT NULL, instance VARCHAR(64) NOT NULL)";

  @Override
  public String id() {
    return "test.proof";
  }

  @Override
  public List<Node> nodes() {
    return List.of(new Start(), new Effect(), new Pause());
  }

  static final class Start implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("proof.start").inputs().group("trigger").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      return NodeOutput.of(context.items());
    }
  }

  static final class Effect implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("proof.effect").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      try (Connection c = context.service(DataSource.class).getConnection();
          PreparedStatement ps = c.prepareStatement(
              "INSERT INTO proof_effect (execution_id, node, instance) VALUES (?, ?, ?)")) {
        ps.setString(1, context.execution().executionId());
        ps.setString(2, context.execution().nodeName());
        ps.setString(3, System.getProperty("weft.instance", "test"));
        ps.executeUpdate();
        c.commit();
      }
      return NodeOutput.of(context.items());
    }
  }

  static final class Pause implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("proof.pause").parameters(ParameterSpec.number("ms").required()).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      Thread.sleep(context.parameter("ms", 0, Long.class));
      return NodeOutput.of(context.items());
    }
  }
}
