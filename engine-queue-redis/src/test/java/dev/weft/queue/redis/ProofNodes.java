package dev.weft.queue.redis;

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
 * Nodes of the queue-mode proof: a start node, a node whose side effect is a row in {@code proof_effect} of the
 * PostgreSQL test schema (execution, node, worker instance), so a test counts how often each node ran across JVMs,
 * and a pause.
 */
public final class ProofNodes implements NodePack {
  static final String EFFECTS = "CREATE TABLE IF NOT EXISTS proof_effect (execution_id VARCHAR(64) NOT NULL,"
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
