import { ms } from './Status';

/** One step of an agent run, as the Agent node keeps it in its output item's `steps` and sends it as an event. */
export interface AgentStep {
  type: string;
  agent?: string;
  iteration?: number;
  provider?: string;
  model?: string;
  durationMs?: number;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  finishReason?: string;
  text?: string;
  toolCalls?: { id?: string; name: string; arguments?: string }[];
  tool?: string;
  kind?: string;
  arguments?: unknown;
  result?: unknown;
  error?: string;
  from?: string;
  to?: string;
}

/** Events that carry a step (what an agent or a Chat Model did), by their type. */
export const STEP_EVENTS = ['ai.modelCall', 'ai.toolCall', 'ai.handoff'];

/** Keys whose values are never shown, should a tool hand back something secret. */
const SECRET_KEY = /^(api[-_]?key|authorization|password|passwd|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token|private[-_]?key|x-api-key)$/i;
const LONGEST = 4000;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '••••' : redact(v)]));
  }
  return value;
}

/** A value as readable JSON (arguments may come as JSON text), secrets masked, long ones cut. */
export function show(value: unknown): string {
  let v = value;
  if (typeof value === 'string') {
    try { v = JSON.parse(value); } catch { return cut(value); }
  }
  return cut(JSON.stringify(redact(v), null, 2) ?? '');
}

const cut = (text: string) => (text.length > LONGEST ? `${text.slice(0, LONGEST)}… (${text.length} characters)` : text);

/** The steps of each item that has them (an Agent's output), with the item's index. */
export function stepsOf(items: { json: Record<string, unknown> }[]): { item: number; steps: AgentStep[] }[] {
  return items.flatMap((i, n) => (Array.isArray(i.json?.steps) ? [{ item: n, steps: i.json.steps as AgentStep[] }] : []));
}

const tokens = (u: AgentStep['usage']) => (u ? `${u.inputTokens ?? '?'} in / ${u.outputTokens ?? '?'} out tokens` : null);

/**
 * An agent run as a timeline: model calls (model, tokens, duration, what the model asked for), tool calls (tool,
 * arguments, result or error, duration), handoffs (from → to). Steps of a sub-agent a supervisor called are indented
 * under it; its call closes with the "sub-agent" tool call carrying the answer.
 */
export function AgentSteps({ steps, live, testId = 'agent-steps' }: { steps: AgentStep[]; live?: boolean; testId?: string }) {
  let current = steps.find((s) => s.agent)?.agent;
  const rows = steps.map((s) => {
    const sub = !!s.agent && !!current && s.agent !== current && s.type !== 'handoff';
    if (s.type === 'handoff' && s.to) current = s.to;
    return { s, sub };
  });
  return (
    <ol className="steps" data-testid={testId}>
      {rows.map(({ s, sub }, i) => (
        <li key={i} className={`step ${s.type}${sub ? ' sub' : ''}${s.error ? ' failed' : ''}`} data-testid={`step-${s.type}`}>
          {s.type === 'modelCall' && (
            <>
              <div className="step-head">
                <span className="step-kind">Model call</span>
                {s.agent && <b>{s.agent}</b>}
                {sub && <span className="muted">sub-agent</span>}
                <span>{s.model}</span>
                {tokens(s.usage) && <span className="muted">{tokens(s.usage)}</span>}
                {s.durationMs !== undefined && <span className="muted">{ms(s.durationMs)}</span>}
              </div>
              {s.toolCalls?.length ? (
                <div className="muted">asks for {s.toolCalls.map((c) => c.name).join(', ')}</div>
              ) : s.text ? (
                <div className="step-text">{s.text}</div>
              ) : null}
            </>
          )}
          {s.type === 'toolCall' && (
            <>
              <div className="step-head">
                <span className="step-kind">{s.kind === 'agent' ? 'Sub-agent call' : 'Tool call'}</span>
                <b>{s.tool}</b>
                {s.agent && <span className="muted">by {s.agent}</span>}
                {s.kind && s.kind !== 'agent' && <span className="muted">{s.kind}</span>}
                {s.durationMs !== undefined && <span className="muted">{ms(s.durationMs)}</span>}
              </div>
              <div className="step-io">
                <div><span className="muted">arguments</span><pre>{show(s.arguments ?? {})}</pre></div>
                {s.error !== undefined
                  ? <div><span className="muted">error</span><pre className="error-text">{s.error}</pre></div>
                  : <div><span className="muted">result</span><pre>{show(s.result)}</pre></div>}
              </div>
            </>
          )}
          {s.type === 'handoff' && (
            <div className="step-head">
              <span className="step-kind">Handoff</span>
              <b>{s.from}</b> → <b>{s.to}</b>
            </div>
          )}
          {!['modelCall', 'toolCall', 'handoff'].includes(s.type) && (
            <div className="step-head"><span className="step-kind">{s.type}</span><pre>{show(s)}</pre></div>
          )}
        </li>
      ))}
      {live && <li className="step muted" data-testid="steps-running">running…</li>}
    </ol>
  );
}

/** The timelines of the items that have agent steps, one per item. */
export function ItemSteps({ items }: { items: { json: Record<string, unknown> }[] }) {
  const all = stepsOf(items);
  return (
    <>
      {all.map(({ item, steps }) => (
        <div key={item} className="agent-run">
          <div className="muted">Agent steps{all.length > 1 || items.length > 1 ? ` · item ${item}` : ''}</div>
          <AgentSteps steps={steps} />
        </div>
      ))}
    </>
  );
}
