import { useEffect, useState } from 'react';
import { ApiFailure, del, get, post, put, type ParameterSpec } from '../api';
import { ParamForm } from '../components/ParamForm';
import { when } from '../components/Status';

interface CredentialType { id: string; displayName: string; description: string; fields: ParameterSpec[]; testable: boolean; oauth2: boolean }
interface Credential { id: string; name: string; type: string; values: Record<string, unknown>; secrets: Record<string, boolean>; updatedAt: string; error: string | null }

/** Credentials: secret fields are write-only; the server only says whether they are set. */
export function Credentials() {
  const [types, setTypes] = useState<CredentialType[]>([]);
  const [list, setList] = useState<Credential[]>([]);
  const [editing, setEditing] = useState<{ id?: string; name: string; type: string; values: Record<string, unknown>; secrets: Record<string, boolean> } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => get('/api/credentials').then((r) => setList(r.items));
  useEffect(() => { get('/api/credential-types').then((r) => setTypes(r.items)); load(); }, []);
  const type = types.find((t) => t.id === editing?.type);

  const save = async () => {
    if (!editing) return;
    setMessage(null);
    try {
      if (editing.id) await put(`/api/credentials/${editing.id}`, { name: editing.name, values: editing.values });
      else await post('/api/credentials', { name: editing.name, type: editing.type, values: editing.values });
      setEditing(null);
      load();
    } catch (e) {
      setMessage(e instanceof ApiFailure ? [e.message, ...(((e.error.details as any)?.problems as string[]) ?? [])].join(' — ') : String(e));
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h2>Credentials</h2>
        <span className="spacer" />
        <button className="primary" data-testid="new-credential" onClick={() => setEditing({ name: '', type: types[0]?.id ?? '', values: {}, secrets: {} })}>New credential</button>
      </div>
      {message && <div className="error" data-testid="credential-message">{message}</div>}
      {editing && (
        <div className="card editor" data-testid="credential-editor">
          <label className="field"><span className="label">Name</span><input data-testid="credential-name" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} /></label>
          <label className="field">
            <span className="label">Type</span>
            <select data-testid="credential-type" disabled={!!editing.id} value={editing.type} onChange={(e) => setEditing({ ...editing, type: e.target.value, values: {} })}>
              {types.map((t) => <option key={t.id} value={t.id}>{t.displayName}</option>)}
            </select>
          </label>
          {type && <p className="muted">{type.description}</p>}
          {type && (
            <ParamForm
              specs={type.fields.map((f) => f.secret && editing.secrets[f.name] ? { ...f, placeholder: '•••••• (set; type to replace)' } : f)}
              values={editing.values}
              onChange={(values) => setEditing({ ...editing, values })}
              path="credential."
            />
          )}
          <div className="toolbar">
            <button className="primary" data-testid="credential-save" onClick={save}>Save</button>
            <button onClick={() => setEditing(null)}>Cancel</button>
          </div>
        </div>
      )}
      <table className="grid" data-testid="credentials">
        <thead><tr><th>Name</th><th>Type</th><th>Secrets</th><th>Updated</th><th /></tr></thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id} data-testid="credential-row">
              <td>{c.name}{c.error && <div className="error-text">{c.error}</div>}</td>
              <td className="muted">{c.type}</td>
              <td>{Object.entries(c.secrets).map(([k, set]) => <span key={k} className={`secret ${set ? 'set' : ''}`}>{k}: {set ? 'set' : 'not set'}</span>)}</td>
              <td className="muted">{when(c.updatedAt)}</td>
              <td>
                <button className="link" onClick={() => setEditing({ id: c.id, name: c.name, type: c.type, values: { ...c.values }, secrets: c.secrets })}>Edit</button>
                {types.find((t) => t.id === c.type)?.oauth2 && (
                  <>
                    <button className="link" onClick={async () => {
                      try {
                        const r = await post(`/api/credentials/${c.id}/oauth2/start`);
                        window.open(r.authorizationUrl, '_blank', 'noopener');
                        setMessage(`${c.name}: finish signing in with the provider in the new window, then reload this page.`);
                      } catch (e) { setMessage(e instanceof ApiFailure ? e.message : String(e)); }
                    }}>{c.secrets.accessToken ? 'Reconnect' : 'Connect'}</button>
                    {c.secrets.accessToken && (
                      <button className="link" onClick={async () => { await post(`/api/credentials/${c.id}/oauth2/revoke`); load(); }}>Disconnect</button>
                    )}
                  </>
                )}
                {types.find((t) => t.id === c.type)?.testable && (
                  <button className="link" onClick={async () => { const r = await post(`/api/credentials/${c.id}/test`); setMessage(`${c.name}: ${r.ok ? 'OK' : 'failed'}${r.message ? ' — ' + r.message : ''}`); }}>Test</button>
                )}
                <button className="link danger" onClick={async () => { if (confirm(`Delete '${c.name}'?`)) { await del(`/api/credentials/${c.id}`); load(); } }}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
