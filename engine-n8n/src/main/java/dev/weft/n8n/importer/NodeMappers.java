package dev.weft.n8n.importer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of n8n node type to mapper.
 *
 * <table>
 *   <caption>n8n node types and the Weft types they become</caption>
 *   <tr><th>n8n</th><th>Weft</th></tr>
 *   <tr><td>manualTrigger, webhook</td><td>weft.manualTrigger (weft.webhook when available)</td></tr>
 *   <tr><td>noOp, stopAndError</td><td>weft.noOp, weft.stopAndError</td></tr>
 *   <tr><td>code, function, functionItem (literal data only)</td><td>weft.code</td></tr>
 *   <tr><td>if, filter, switch</td><td>weft.if, weft.filter, weft.switch</td></tr>
 *   <tr><td>set</td><td>weft.set</td></tr>
 *   <tr><td>merge, compareDatasets</td><td>weft.merge, weft.compareDatasets</td></tr>
 *   <tr><td>itemLists, aggregate, splitOut, removeDuplicates, sort, limit, summarize</td>
 *       <td>weft.aggregate, weft.splitOut, weft.removeDuplicates, weft.sort, weft.limit, weft.summarize</td></tr>
 *   <tr><td>renameKeys, dateTime</td><td>weft.renameKeys, weft.dateTime</td></tr>
 *   <tr><td>splitInBatches, wait, executionData</td><td>weft.splitInBatches, weft.wait, weft.executionData</td></tr>
 *   <tr><td>xml, htmlExtract, html, markdown</td><td>weft.xml, weft.html, weft.markdown</td></tr>
 *   <tr><td>convertToFile, extractFromFile</td><td>weft.convertToFile, weft.extractFromFile</td></tr>
 * </table>
 */
final class NodeMappers {
  private NodeMappers() {}

  private static final List<NodeMapper> MAPPERS = List.of(
      new FlowMappers(),
      new CodeMapper(),
      new IfMapper(),
      new SwitchMapper(),
      new SetMapper(),
      new MergeMapper(),
      new CompareDatasetsMapper(),
      new ItemListsMapper(),
      new AggregateMapper(),
      new SplitOutMapper(),
      new RemoveDuplicatesMapper(),
      new SortMapper(),
      new LimitMapper(),
      new SummarizeMapper(),
      new RenameKeysMapper(),
      new DateTimeMapper(),
      new SplitInBatchesMapper(),
      new WaitMapper(),
      new ExecutionDataMapper(),
      new XmlMapper(),
      new HtmlMapper(),
      new MarkdownMapper(),
      new FileMappers());

  /** n8n type name to its mapper. */
  static Map<String, NodeMapper> table() {
    Map<String, NodeMapper> table = new LinkedHashMap<>();
    for (NodeMapper m : MAPPERS) {
      for (String type : m.n8nTypes()) {
        if (table.put(type, m) != null) {
          throw new IllegalStateException("two mappers for " + type);
        }
      }
    }
    return Collections.unmodifiableMap(table);
  }
}
