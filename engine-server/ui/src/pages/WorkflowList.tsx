import { useCallback, useEffect, useState } from 'react';
import { ApiFailure, del, get, post, type Page, type Workflow } from '../api';
import { Link, navigate } from '../router';
import { Status, when } from '../components/Status';

const NEW_WORKFLOW = {
  nodes: [{ name: 'Start', type: 'weft.manualTrigger', position: [0, 0], parameters: {} }],
  connections: [],
};

export function WorkflowList() {
  const [page, setPage] = useState<Page<Workflow> | null>(null);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const limit = 20;

  const load = useCallback(() => {
    const q = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (search) q.set('search', search);
    get<Page<Workflow>>(`/api/workflows?${q}`).then(setPage).catch((e) => setError(e.message));
  }, [offset, search]);
  useEffect(load, [load]);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
    load();
  };

  const create = async () => {
    const name = prompt('Name of the new workflow', 'My workflow');
    if (!name) return;
    const wf = await post<Workflow>('/api/workflows', { name, ...NEW_WORKFLOW });
    navigate(`/workflows/${wf.id}`);
  };

  const importFile = async (file: File) => {
    try {
      const json = JSON.parse(await file.text());
      const wf = await post<Workflow>('/api/workflows', { ...json, name: json.name ?? file.name.replace(/\.json$/, '') });
      navigate(`/workflows/${wf.id}`);
    } catch (e) {
      setError(`${file.name}: ${e instanceof Error ? e.message : e}`);
    }
  };

  const importN8n = async (file: File) => {
    setError(null);
    try {
      const wf = await post<Workflow & { importIssues: { message: string }[] }>('/api/workflows/import/n8n', JSON.parse(await file.text()));
      if (wf.importIssues.length) {
        sessionStorage.setItem(`weft.importIssues.${wf.id}`, wf.importIssues.map((i) => i.message).join('\n'));
      }
      navigate(`/workflows/${wf.id}`);
    } catch (e) {
      setError(`${file.name}: ${e instanceof ApiFailure ? e.message : e instanceof Error ? e.message : e}`);
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h2>Workflows</h2>
        <input placeholder="Search by name" value={search} onChange={(e) => { setOffset(0); setSearch(e.target.value); }} />
        <span className="spacer" />
        <label className="button">
          Import JSON
          <input type="file" accept="application/json,.json" hidden onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])} />
        </label>
        <label className="button">
          Import n8n
          <input data-testid="import-n8n" type="file" accept="application/json,.json" hidden onChange={(e) => e.target.files?.[0] && importN8n(e.target.files[0])} />
        </label>
        <button className="primary" data-testid="new-workflow" onClick={create}>New workflow</button>
      </div>
      {error && <div className="error">{error}</div>}
      <table className="grid">
        <thead>
          <tr><th>Name</th><th>Nodes</th><th>Active</th><th>Last run</th><th>Updated</th><th /></tr>
        </thead>
        <tbody>
          {page?.items.map((w) => (
            <tr key={w.id} data-testid="workflow-row">
              <td><Link to={`/workflows/${w.id}`}>{w.name}</Link></td>
              <td>{(w as any).nodeCount}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`active ${w.name}`}
                  checked={w.active}
                  onChange={() => act(() => post(`/api/workflows/${w.id}/${w.active ? 'deactivate' : 'activate'}`))}
                />
              </td>
              <td>
                <Status status={w.lastExecution?.status} />{' '}
                {w.lastExecution && <Link to={`/executions/${w.lastExecution.id}`} className="muted">{when(w.lastExecution.startedAt)}</Link>}
              </td>
              <td className="muted">{when(w.updatedAt)}</td>
              <td>
                <button className="link danger" onClick={() => confirm(`Delete '${w.name}' and its executions?`) && act(() => del(`/api/workflows/${w.id}`))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.items.length === 0 && <p className="muted">No workflows yet.</p>}
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
