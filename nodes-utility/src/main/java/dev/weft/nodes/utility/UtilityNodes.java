package dev.weft.nodes.utility;

import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.ArrayList;
import java.util.List;

/** The utility node pack: flow control, data transformation, dates, files and formats. */
public final class UtilityNodes implements NodePack {

  @Override
  public String id() {
    return "weft.utility";
  }

  @Override
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    // flow and data nodes
    nodes.add(new dev.weft.nodes.utility.trigger.ManualTriggerNode());
    nodes.add(new dev.weft.nodes.utility.trigger.ErrorTriggerNode());
    nodes.add(new dev.weft.nodes.utility.flow.NoOpNode());
    nodes.add(new dev.weft.nodes.utility.flow.IfNode());
    nodes.add(new dev.weft.nodes.utility.flow.FilterNode());
    nodes.add(new dev.weft.nodes.utility.flow.SwitchNode());
    nodes.add(new dev.weft.nodes.utility.combine.MergeNode());
    nodes.add(new dev.weft.nodes.utility.combine.CompareDatasetsNode());
    nodes.add(new dev.weft.nodes.utility.edit.SetNode());
    nodes.add(new dev.weft.nodes.utility.edit.RenameKeysNode());
    nodes.add(new dev.weft.nodes.utility.edit.CodeNode());
    nodes.add(new dev.weft.nodes.utility.items.SortNode());
    nodes.add(new dev.weft.nodes.utility.items.LimitNode());
    nodes.add(new dev.weft.nodes.utility.items.RemoveDuplicatesNode());
    nodes.add(new dev.weft.nodes.utility.items.SplitOutNode());
    nodes.add(new dev.weft.nodes.utility.items.AggregateNode());
    nodes.add(new dev.weft.nodes.utility.items.SummarizeNode());
    // files, formats, dates and sub-workflows
    nodes.add(new dev.weft.nodes.utility.loop.SplitInBatchesNode());
    nodes.add(new dev.weft.nodes.utility.wait.WaitNode());
    nodes.add(new dev.weft.nodes.utility.execution.StopAndErrorNode());
    nodes.add(new dev.weft.nodes.utility.execution.ExecutionDataNode());
    nodes.add(new dev.weft.nodes.utility.subworkflow.ExecuteWorkflowNode());
    nodes.add(new dev.weft.nodes.utility.subworkflow.ExecuteWorkflowTriggerNode());
    nodes.add(new dev.weft.nodes.utility.crypto.CryptoNode());
    nodes.add(new dev.weft.nodes.utility.xml.XmlNode());
    nodes.add(new dev.weft.nodes.utility.html.HtmlNode());
    nodes.add(new dev.weft.nodes.utility.markdown.MarkdownNode());
    nodes.add(new dev.weft.nodes.utility.file.ConvertToFileNode());
    nodes.add(new dev.weft.nodes.utility.file.ExtractFromFileNode());
    nodes.add(new dev.weft.nodes.utility.datetime.DateTimeNode());
    return List.copyOf(nodes);
  }

  @Override
  public List<dev.weft.spi.CredentialType> credentialTypes() {
    return List.of(dev.weft.nodes.utility.crypto.CryptoNode.KEY_CREDENTIAL_TYPE);
  }
}
