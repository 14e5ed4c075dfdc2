package dev.weft.n8n.importer;

import java.util.List;

/**
 * n8n Item Lists, the node the Aggregate, Split Out, Remove Duplicates, Sort, Limit and Summarize nodes were split
 * from: each operation maps as its standalone node does. Item Lists 2.1 and later summarise a missing field as empty.
 */
final class ItemListsMapper implements NodeMapper {
  private final AggregateMapper aggregate = new AggregateMapper();
  private final SplitOutMapper splitOut = new SplitOutMapper();
  private final RemoveDuplicatesMapper removeDuplicates = new RemoveDuplicatesMapper();
  private final SortMapper sort = new SortMapper();
  private final LimitMapper limit = new LimitMapper();

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.itemLists");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    String operation = ctx.string("operation", "splitOutItems");
    return switch (operation) {
      case "aggregateItems", "concatenateItems" -> aggregate.map(node, ctx);
      case "splitOutItems" -> splitOut.map(node, ctx);
      case "removeDuplicates" -> removeDuplicates.map(node, ctx);
      case "sort" -> sort.map(node, ctx);
      case "limit" -> limit.map(node, ctx);
      case "summarize" -> SummarizeMapper.map(ctx, ctx.version() >= 2.1);
      default -> ctx.unsupportedNode("unknown Item Lists operation '" + operation + "'");
    };
  }
}
