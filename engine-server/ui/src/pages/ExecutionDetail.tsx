import { useEffect, useState } from 'react';
import { ApiFailure, del, get, post, type Connection } from '../api';
import { Link, navigate } from '../router';
import { ItemsView } from '../components/ItemsView';
import { ItemSteps } from '../components/AgentSteps';
import { ms, Status, when } from '../components/Status';

/**
 * One execution: per node, its runs with input (what the feeding nodes passed) and output items (an agent's steps as
 * a timeline), and errors.
 */
export function ExecutionDetail({ id }: { id: string }) {
  const [x, setX] = useState<any>(null);
  const [node, setNode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<Connection[] | null>(null);

  useEffect(() => {
    get(`/api/executions/${id}`).then((e) => {
      setX(e);
      const names = Object.keys(e.data?.runs ?? {});
      setNode(e.error?.node ?? names[names.length - 1] ?? null);
      if (!e.data?.workflow?.connections && e.workflowId) {
        // older executions keep no snapshot of the workflow: read the connections from the workflow as it is now
        get(`/api/workflows/${e.workflowId}`).then((w) => setCurrent(w.definition.connections)).catch(() => {});
      }
    }).catch((e) => setError(e.message));
  }, [id]);

  if (error) return <div className="page"><div className="error">{error}</div></div>;
  if (!x) return <div className="page">Loading…</div>;
  const runs: Record<string, any[]> = x.data?.runs ?? {};
  const connections: Connection[] = x.data?.workflow?.connections ?? current ?? [];
  const inputOf = (name: string) => connections.filter((c) => c.to === name).flatMap((c) => {
    const r = runs[c.from];
    return r?.length ? (r[r.length - 1].outputs?.[c.output ?? 0] ?? []) : [];
  });
  const act = async (f: () => Promise<any>) => {
    try { await f(); } catch (e) { setError(e instanceof ApiFailure ? e.message : String(e)); }
  };
  const nodeRuns = node ? runs[node] : null;
  return (
    <div className="page">
      <div className="toolbar">
        <h2><Link to={`/workflows/${x.workflowId}`}>{x.workflowName}</Link></h2>
        <Status status={x.status} />
        <span className="muted">{x.mode} · {when(x.startedAt)} · {ms(x.durationMs)}</span>
        <span className="spacer" />
        {(x.status === 'running' || x.status === 'waiting') && <button onClick={() => act(async () => { await post(`/api/executions/${id}/cancel`); location.reload(); })}>Cancel</button>}
        {x.status === 'error' && <button onClick={() => act(async () => { const r = await post(`/api/executions/${id}/retry`); navigate(`/executions/${r.executionId}`); })}>Retry from failed node</button>}
        <button className="danger" onClick={() => confirm('Delete this execution?') && act(async () => { await del(`/api/executions/${id}`); navigate('/executions'); })}>Delete</button>
      </div>
      {x.error && <div className="error" data-testid="execution-error">{x.error.node ? `${x.error.node}: ` : ''}{x.error.message}</div>}
      <div className="split">
        <ul className="node-list">
          {Object.entries(runs).map(([name, list]) => (
            <li key={name} className={name === node ? 'on' : ''} onClick={() => setNode(name)}>
              <span className={`dot ${list.some((r) => r.error) ? 'error' : 'success'}`} /> {name}
              <span className="muted"> · {list.length > 1 ? `${list.length} runs · ` : ''}{(list[list.length - 1].outputItems ?? []).join('/')} item(s) · {ms(list.reduce((a, r) => a + (r.durationMs ?? 0), 0))}</span>
            </li>
          ))}
        </ul>
        {node && nodeRuns && (
          <div className="node-data">
            <h3>{node}</h3>
            {nodeRuns.map((r, i) => (
              <div key={i}>
                {nodeRuns.length > 1 && <h4>Run {i + 1}</h4>}
                {r.error && <div className="error">{r.error.message}{r.error.description ? ` — ${r.error.description}` : ''}</div>}
                <div className="io">
                  <div><h4>Input</h4><ItemsView items={i === nodeRuns.length - 1 ? inputOf(node) : []} /></div>
                  <div>
                    <h4>Output</h4>
                    {(r.outputs ?? []).map((items: any[], o: number) => (
                      <div key={o}>{r.outputs.length > 1 && <div className="muted">output {o}</div>}<ItemSteps items={items} /><ItemsView items={items} /></div>
                    ))}
                    {(!r.outputs || r.outputs.length === 0) && <p className="muted">No items kept (the workflow's saveData setting).</p>}
                  </div>
                </div>
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
