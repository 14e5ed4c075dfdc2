package dev.weft.server;

import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import java.time.Duration;
import java.util.List;

/** A schedule trigger for the tests: fires every {@code everyMs} milliseconds through the engine's timer. */
final class TestTickTrigger implements TriggerNode {
  static final String TYPE = "test.tick";

  @Override
  public NodeDescriptor descriptor() {
    return NodeDescriptor.builder(TYPE).displayName("Test Tick").group("trigger").inputs()
        .parameters(ParameterSpec.number("everyMs").required().build())
        .build();
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    long every = context.parameter("everyMs", Number.class).longValue();
    return context.every(Duration.ofMillis(every), () -> context.emit(List.of(Item.of("tick", true))));
  }
}
