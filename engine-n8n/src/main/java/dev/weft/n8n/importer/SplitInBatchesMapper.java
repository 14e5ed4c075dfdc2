package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Split In Batches / Loop Over Items to {@code weft.splitInBatches}. v2 and v3 have Weft's outputs (done, loop);
 * v1's single output sends each batch, which is Weft's loop output.
 */
final class SplitInBatchesMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.splitInBatches");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("batchSize", ctx.value("batchSize", 10));
    Object reset = ctx.value("options.reset", false);
    p.put("reset", reset);
    MappedNode mapped = MappedNode.of("weft.splitInBatches", p);
    return ctx.version() < 2 ? mapped.withOutputs(i -> i == 0 ? new int[] {1} : new int[0]) : mapped;
  }
}
