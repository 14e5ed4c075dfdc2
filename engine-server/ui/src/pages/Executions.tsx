import { useCallback, useEffect, useState } from 'react';
import { events, get, type ExecutionSummary, type Page, type Workflow } from '../api';
import { Link } from '../router';
import { ms, Status, when } from '../components/Status';

export function Executions() {
  const [page, setPage] = useState<Page<ExecutionSummary> | null>(null);
  const [workflows, setWorkflows] = useState<Workflow[]>([]);
  const [workflowId, setWorkflowId] = useState('');
  const [status, setStatus] = useState('');
  const [since, setSince] = useState('');
  const [offset, setOffset] = useState(0);
  const limit = 30;

  const load = useCallback(() => {
    const q = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (workflowId) q.set('workflowId', workflowId);
    if (status) q.set('status', status);
    if (since) q.set('startedAfter', new Date(since).toISOString());
    get<Page<ExecutionSummary>>(`/api/executions?${q}`).then(setPage);
  }, [offset, workflowId, status, since]);
  useEffect(load, [load]);
  useEffect(() => { get('/api/workflows?limit=500').then((p) => setWorkflows(p.items)); }, []);
  // live: reload when an execution starts or ends
  useEffect(() => events('/api/executions/stream', (type) => {
    if (type.startsWith('execution.')) load();
  }), [load]);

  return (
    <div className="page">
      <div className="toolbar">
        <h2>Executions</h2>
        <select value={workflowId} onChange={(e) => { setOffset(0); setWorkflowId(e.target.value); }} aria-label="workflow">
          <option value="">All workflows</option>
          {workflows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
        </select>
        <select value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value); }} aria-label="status">
          <option value="">Any status</option>
          {['running', 'waiting', 'success', 'error', 'cancelled'].map((s) => <option key={s}>{s}</option>)}
        </select>
        <label className="muted">since <input type="datetime-local" value={since} onChange={(e) => { setOffset(0); setSince(e.target.value); }} /></label>
      </div>
      <table className="grid" data-testid="executions">
        <thead><tr><th>Workflow</th><th>Status</th><th>Mode</th><th>Started</th><th>Duration</th><th>Error</th></tr></thead>
        <tbody>
          {page?.items.map((e) => (
            <tr key={e.id} data-testid="execution-row">
              <td><Link to={`/executions/${e.id}`}>{e.workflowName}</Link></td>
              <td><Status status={e.status} /></td>
              <td className="muted">{e.mode}</td>
              <td>{when(e.startedAt)}</td>
              <td>{ms(e.durationMs)}</td>
              <td className="error-text">{e.error ? `${e.error.node ? e.error.node + ': ' : ''}${e.error.message}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.total > limit && (
        <div className="pager">
          <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>Previous</button>
          <span>{offset + 1}–{Math.min(offset + limit, page.total)} of {page.total}</span>
          <button disabled={offset + limit >= page.total} onClick={() => setOffset(offset + limit)}>Next</button>
        </div>
      )}
    </div>
  );
}
