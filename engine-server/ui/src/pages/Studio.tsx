import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  addEdge, Background, Controls, Handle, MiniMap, Position, ReactFlow, ReactFlowProvider, useEdgesState,
  useNodesState, useReactFlow, type Connection as FlowConnection, type Edge, type Node, type NodeProps,
} from '@xyflow/react';
import {
  ApiFailure, events, get, post, put, type Definition, type NodeDescriptor, type Workflow, type WorkflowNode,
} from '../api';
import { Link } from '../router';
import { ParamForm } from '../components/ParamForm';
import { ItemsView } from '../components/ItemsView';
import { Status } from '../components/Status';
import { CHAT_TRIGGER, ChatPanel } from '../components/ChatPanel';
import { AgentSteps, ItemSteps, STEP_EVENTS, stepsOf, type AgentStep } from '../components/AgentSteps';

/** Node events of the AI pack the studio follows live: steps, and a model's streamed tokens. */
const AI_EVENTS = [...STEP_EVENTS, 'ai.token'];

interface Live { status: 'running' | 'success' | 'error'; items?: number[]; error?: string }
interface NodeData extends Record<string, unknown> {
  node: WorkflowNode;
  descriptor?: NodeDescriptor;
  live?: Live;
}

const draftKey = (id: string) => `weft.draft.${id}`;

function WeftNode({ data, selected }: NodeProps<Node<NodeData>>) {
  const d = data.descriptor;
  const inputs = d ? d.inputs : [{ name: 'main' }];
  const outputs = d ? d.outputs : [{ name: 'main' }];
  const live = data.live;
  return (
    <div className={`wnode ${selected ? 'selected' : ''} ${live?.status ?? ''} ${data.node.disabled ? 'disabled' : ''}`} data-testid={`node-${data.node.name}`}>
      {inputs.map((p, i) => (
        <Handle key={`in-${i}`} id={`in-${i}`} type="target" position={Position.Left} style={{ top: `${((i + 1) / (inputs.length + 1)) * 100}%` }} title={p.name} />
      ))}
      <div className="wnode-title">{data.node.name}</div>
      <div className="wnode-type">{d?.displayName ?? data.node.type}{!d && ' (unknown type)'}</div>
      {live && (
        <div className="wnode-live" data-testid={`live-${data.node.name}`}>
          <span className={`dot ${live.status}`} />
          {live.status}
          {live.items && live.items.length > 0 && <span className="count"> · {live.items.join(' / ')} item{live.items.reduce((a, b) => a + b, 0) === 1 ? '' : 's'}</span>}
        </div>
      )}
      {outputs.map((p, i) => (
        <Handle key={`out-${i}`} id={`out-${i}`} type="source" position={Position.Right} style={{ top: `${((i + 1) / (outputs.length + 1)) * 100}%` }} title={p.name} />
      ))}
    </div>
  );
}
const nodeTypes = { weft: WeftNode };

function toFlow(def: Definition, descriptors: Map<string, NodeDescriptor>): { nodes: Node<NodeData>[]; edges: Edge[] } {
  return {
    nodes: def.nodes.map((n) => ({
      id: n.name,
      type: 'weft',
      position: { x: n.position?.[0] ?? 0, y: n.position?.[1] ?? 0 },
      data: { node: n, descriptor: descriptors.get(n.type) },
    })),
    edges: def.connections.map((c) => edge(c.from, c.output ?? 0, c.to, c.input ?? 0)),
  };
}

function edge(from: string, output: number, to: string, input: number): Edge {
  return { id: `${from}:${output}->${to}:${input}`, source: from, target: to, sourceHandle: `out-${output}`, targetHandle: `in-${input}` };
}

function toDefinition(base: Definition, name: string, nodes: Node<NodeData>[], edges: Edge[]): Definition {
  return {
    ...base,
    name,
    nodes: nodes.map((n) => ({ ...n.data.node, position: [Math.round(n.position.x), Math.round(n.position.y)] as [number, number] })),
    connections: edges.map((e) => ({
      from: e.source, output: Number((e.sourceHandle ?? 'out-0').slice(4)), to: e.target, input: Number((e.targetHandle ?? 'in-0').slice(3)),
    })),
  };
}

export function Studio({ workflowId }: { workflowId: string }) {
  return (
    <ReactFlowProvider>
      <StudioInner workflowId={workflowId} />
    </ReactFlowProvider>
  );
}

function StudioInner({ workflowId }: { workflowId: string }) {
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [descriptors, setDescriptors] = useState<Map<string, NodeDescriptor>>(new Map());
  const [nodes, setNodes, onNodesChange] = useNodesState<Node<NodeData>>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [execution, setExecution] = useState<{ id: string; status: string; data?: any } | null>(null);
  const [credentials, setCredentials] = useState<{ id: string; name: string; type: string }[]>([]);
  const [chatOpen, setChatOpen] = useState(false);
  // agent steps by node while an execution runs (from live events), and the text a model streams
  const [liveSteps, setLiveSteps] = useState<Record<string, AgentStep[]>>({});
  const [streamed, setStreamed] = useState('');
  const stopEvents = useRef<(() => void) | null>(null);
  const flow = useReactFlow();

  // load descriptors, the workflow and any unsaved draft
  useEffect(() => {
    let cancelled = false;
    Promise.all([get('/api/nodes'), get<Workflow>(`/api/workflows/${workflowId}`), get('/api/credentials')])
      .then(([nodeList, wf, creds]) => {
        if (cancelled) return;
        const map = new Map<string, NodeDescriptor>();
        for (const d of nodeList.items as NodeDescriptor[]) {
          const prev = map.get(d.type);
          if (!prev || prev.version < d.version) map.set(d.type, d);
        }
        setDescriptors(map);
        setCredentials(creds.items);
        setWorkflow(wf);
        let def = wf.definition;
        const raw = localStorage.getItem(draftKey(workflowId));
        if (raw) {
          const draft = JSON.parse(raw);
          if (draft.baseVersion === wf.version) {
            def = draft.definition;
            setDirty(true);
            setMessage({ kind: 'info', text: 'Restored your unsaved changes.' });
          } else {
            localStorage.removeItem(draftKey(workflowId));
          }
        }
        const issues = sessionStorage.getItem(`weft.importIssues.${workflowId}`);
        if (issues) {
          sessionStorage.removeItem(`weft.importIssues.${workflowId}`);
          setMessage({ kind: 'error', text: `Imported from n8n; not carried over: ${issues}` });
        }
        setName(def.name);
        const f = toFlow(def, map);
        setNodes(f.nodes);
        setEdges(f.edges);
      })
      .catch((e) => setMessage({ kind: 'error', text: e.message }));
    return () => {
      cancelled = true;
      stopEvents.current?.();
    };
  }, [workflowId, setNodes, setEdges]);

  const definition = useCallback(() => toDefinition(workflow!.definition, name, nodes, edges), [workflow, name, nodes, edges]);

  // keep a draft of unsaved changes so a reload loses nothing
  useEffect(() => {
    if (workflow && dirty) {
      localStorage.setItem(draftKey(workflowId), JSON.stringify({ baseVersion: workflow.version, definition: definition() }));
    }
  }, [workflow, dirty, definition, workflowId]);

  const changed = () => setDirty(true);

  const updateNode = (nodeName: string, change: (n: WorkflowNode) => WorkflowNode) => {
    setNodes((ns) => ns.map((n) => (n.id === nodeName ? { ...n, data: { ...n.data, node: change(n.data.node) } } : n)));
    changed();
  };

  const renameNode = (from: string, to: string) => {
    if (!to || to === from || nodes.some((n) => n.id === to)) return;
    setNodes((ns) => ns.map((n) => (n.id === from ? { ...n, id: to, data: { ...n.data, node: { ...n.data.node, name: to } } } : n)));
    setEdges((es) => es.map((e) => {
      const source = e.source === from ? to : e.source;
      const target = e.target === from ? to : e.target;
      return { ...edge(source, Number(e.sourceHandle!.slice(4)), target, Number(e.targetHandle!.slice(3))) };
    }));
    setSelected(to);
    changed();
  };

  const addNode = (d: NodeDescriptor, position?: { x: number; y: number }) => {
    let base = d.displayName;
    let n = 1;
    const names = new Set(nodes.map((x) => x.id));
    let nodeName = base;
    while (names.has(nodeName)) nodeName = `${base} ${++n}`;
    const pos = position ?? { x: Math.max(0, ...nodes.map((x) => x.position.x)) + 220, y: nodes.length ? nodes[nodes.length - 1].position.y : 0 };
    const node: WorkflowNode = { name: nodeName, type: d.type, version: d.version, position: [pos.x, pos.y], parameters: {} };
    setNodes((ns) => [...ns, { id: nodeName, type: 'weft', position: pos, data: { node, descriptor: d } }]);
    setSelected(nodeName);
    changed();
    return nodeName;
  };

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    const type = e.dataTransfer.getData('application/weft-node');
    const d = descriptors.get(type);
    if (d) addNode(d, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  const save = async (): Promise<Workflow | null> => {
    setMessage(null);
    try {
      const saved = await put<Workflow>(`/api/workflows/${workflowId}`, { ...definition(), version: workflow!.version });
      setWorkflow(saved);
      setDirty(false);
      localStorage.removeItem(draftKey(workflowId));
      const problems = saved.problems ?? [];
      setMessage(problems.length
        ? { kind: 'error', text: `Saved with problems: ${problems.map((p) => (p.node ? `${p.node}: ` : '') + p.message).join('; ')}` }
        : { kind: 'info', text: (saved as any).activationError ? `Saved, but deactivated: ${(saved as any).activationError}` : 'Saved.' });
      return saved;
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
      return null;
    }
  };

  const setLive = (nodeName: string, live: Live) =>
    setNodes((ns) => ns.map((n) => (n.id === nodeName ? { ...n, data: { ...n.data, live } } : n)));

  /** Resets the live view for a new execution. */
  const startLive = () => {
    stopEvents.current?.();
    stopEvents.current = null;
    setNodes((ns) => ns.map((n) => ({ ...n, data: { ...n.data, live: undefined } })));
    setLiveSteps({});
    setStreamed('');
  };

  /** Node statuses, agent steps and streamed tokens from a live event; true for node and AI events. */
  const onLive = (type: string, ev: any): boolean => {
    if (type === 'node.started') setLive(ev.nodeName, { status: 'running' });
    else if (type === 'node.finished') setLive(ev.nodeName, { status: 'success', items: ev.itemCounts });
    else if (type === 'node.failed') setLive(ev.nodeName, { status: 'error', error: ev.error });
    else if (STEP_EVENTS.includes(type)) setLiveSteps((m) => ({ ...m, [ev.nodeName]: [...(m[ev.nodeName] ?? []), ev.data] }));
    else if (type === 'ai.token') setStreamed((t) => t + (ev.data?.token ?? ''));
    else return false;
    return true;
  };

  const showExecution = (id: string) =>
    get(`/api/executions/${id}`).then((x) => setExecution({ id, status: x.status, data: x.data }));

  const run = async () => {
    if (dirty && !(await save())) return;
    setMessage(null);
    startLive();
    try {
      const started = await post(`/api/workflows/${workflowId}/run`, {});
      const id = started.executionId as string;
      setExecution({ id, status: 'running' });
      stopEvents.current = events(`/api/executions/${id}/events`, (type, ev) => {
        if (onLive(type, ev)) return;
        if (type.startsWith('execution.') && type !== 'execution.started' && type !== 'execution.resumed') {
          showExecution(id);
          if (type !== 'execution.waiting') {
            stopEvents.current?.();
            stopEvents.current = null;
          }
        }
      }, AI_EVENTS);
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
    }
  };

  // a chat message runs the workflow too: follow this workflow's events until the answer names the execution
  const chatSending = () => {
    startLive();
    setExecution(null);
    stopEvents.current = events('/api/executions/stream', (type, ev) => {
      if (ev.workflowId === workflowId) onLive(type, ev);
    }, AI_EVENTS);
  };
  const chatAnswered = (executionId?: string) => {
    stopEvents.current?.();
    stopEvents.current = null;
    setStreamed('');
    if (executionId) showExecution(executionId);
  };

  const selectedNode = nodes.find((n) => n.id === selected);
  const hasChat = nodes.some((n) => n.data.node.type === CHAT_TRIGGER);
  const grouped = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = [...descriptors.values()].filter((d) => !q || d.displayName.toLowerCase().includes(q) || d.type.includes(q) || d.description.toLowerCase().includes(q));
    const groups = new Map<string, NodeDescriptor[]>();
    for (const d of list.sort((a, b) => a.displayName.localeCompare(b.displayName))) {
      groups.set(d.group, [...(groups.get(d.group) ?? []), d]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [descriptors, search]);

  const outputOf = (nodeName: string) => {
    const runs = execution?.data?.runs?.[nodeName];
    if (!runs?.length) return null;
    const last = runs[runs.length - 1];
    return { items: (last.outputs?.[0] ?? []) as { json: Record<string, unknown> }[], error: last.error?.message as string | undefined };
  };

  const output = selectedNode ? outputOf(selectedNode.id) : null;
  const liveOf = selectedNode ? liveSteps[selectedNode.id] : undefined;

  if (!workflow) return <div className="page">{message ? <div className="error">{message.text}</div> : 'Loading…'}</div>;

  return (
    <div className="studio">
      <aside className="palette">
        <input data-testid="node-search" placeholder="Search nodes" value={search} onChange={(e) => setSearch(e.target.value)} />
        {grouped.map(([group, list]) => (
          <div key={group}>
            <div className="group">{group}</div>
            {list.map((d) => (
              <div
                key={d.type}
                className="palette-item"
                draggable
                data-testid={`palette-${d.type}`}
                title={d.description}
                onDragStart={(e) => { e.dataTransfer.setData('application/weft-node', d.type); e.dataTransfer.effectAllowed = 'move'; }}
                onDoubleClick={() => addNode(d)}
              >
                {d.displayName}
                <button className="link add" aria-label={`add ${d.displayName}`} onClick={() => addNode(d)}>+</button>
              </div>
            ))}
          </div>
        ))}
      </aside>
      <section className="canvas-area">
        <div className="toolbar">
          <Link to="/workflows" className="muted">Workflows /</Link>
          <input className="title" data-testid="workflow-name" value={name} onChange={(e) => { setName(e.target.value); changed(); }} />
          {dirty && <span className="muted" data-testid="unsaved">unsaved</span>}
          <span className="spacer" />
          {execution && (
            <span>
              <Status status={execution.status} /> <Link to={`/executions/${execution.id}`} className="muted">execution</Link>
            </span>
          )}
          {hasChat && <button data-testid="chat-toggle" className={chatOpen ? 'on' : ''} onClick={() => setChatOpen((o) => !o)}>Chat</button>}
          <button data-testid="save" onClick={save}>Save</button>
          <button className="primary" data-testid="run" onClick={run}>Run</button>
        </div>
        {message && <div className={message.kind === 'error' ? 'error' : 'info'} data-testid="studio-message">{message.text}</div>}
        <div className="canvas" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop} data-testid="canvas">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={(c) => { onNodesChange(c); if (c.some((x) => x.type === 'position' || x.type === 'remove')) changed(); }}
            onEdgesChange={(c) => { onEdgesChange(c); if (c.some((x) => x.type === 'remove')) changed(); }}
            onConnect={(c: FlowConnection) => {
              setEdges((es) => addEdge(edge(c.source!, Number((c.sourceHandle ?? 'out-0').slice(4)), c.target!, Number((c.targetHandle ?? 'in-0').slice(3))), es));
              changed();
            }}
            onNodeClick={(_, n) => setSelected(n.id)}
            onPaneClick={() => setSelected(null)}
            deleteKeyCode={['Delete', 'Backspace']}
            fitView
          >
            <Background />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </div>
        {selectedNode && (output || liveOf?.length) && (
          <div className="output" data-testid="output-panel">
            <h4>Output of {selectedNode.id}</h4>
            {output?.error && <div className="error">{output.error}</div>}
            {output && stepsOf(output.items).length > 0
              ? <ItemSteps items={output.items} />
              : liveOf?.length ? <AgentSteps steps={liveOf} live={!output} /> : null}
            {output && <ItemsView items={output.items} testId="output-items" />}
          </div>
        )}
        {hasChat && chatOpen && (
          <ChatPanel
            workflowId={workflowId}
            beforeSend={async () => !dirty || !!(await save())}
            onSending={chatSending}
            onAnswer={chatAnswered}
            streamed={streamed}
          />
        )}
      </section>
      {selectedNode && (
        <aside className="inspector" data-testid="inspector">
          <label className="field">
            <span className="label">Name</span>
            <input data-testid="node-name" defaultValue={selectedNode.id} key={selectedNode.id} onBlur={(e) => renameNode(selectedNode.id, e.target.value.trim())} />
          </label>
          <div className="muted">{selectedNode.data.descriptor?.description}</div>
          <label className="field check">
            <input type="checkbox" checked={!!selectedNode.data.node.disabled} onChange={(e) => updateNode(selectedNode.id, (n) => ({ ...n, disabled: e.target.checked || undefined }))} />
            <span className="label">Disabled</span>
          </label>
          {selectedNode.data.descriptor?.credentials.map((c) => (
            <label className="field" key={c.type}>
              <span className="label">Credential ({c.type}){c.required && <b className="req">*</b>}</span>
              <select
                value={selectedNode.data.node.credentials?.[c.type] ?? ''}
                onChange={(e) => updateNode(selectedNode.id, (n) => {
                  const creds = { ...(n.credentials ?? {}) };
                  if (e.target.value) creds[c.type] = e.target.value; else delete creds[c.type];
                  return { ...n, credentials: creds };
                })}
              >
                <option value="">—</option>
                {credentials.filter((x) => x.type === c.type).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
            </label>
          ))}
          {selectedNode.data.descriptor ? (
            <ParamForm
              specs={selectedNode.data.descriptor.parameters}
              values={selectedNode.data.node.parameters ?? {}}
              onChange={(v) => updateNode(selectedNode.id, (n) => ({ ...n, parameters: v }))}
            />
          ) : (
            <div className="error">This server has no node type '{selectedNode.data.node.type}'.</div>
          )}
          {selectedNode.data.live?.error && <div className="error">{selectedNode.data.live.error}</div>}
        </aside>
      )}
    </div>
  );
}
