import { useState } from 'react';

/** Items as a table (one column per top-level field) or as JSON. */
export function ItemsView({ items, testId }: { items: { json: Record<string, unknown> }[]; testId?: string }) {
  const [mode, setMode] = useState<'table' | 'json'>('table');
  const columns = Array.from(new Set(items.flatMap((i) => Object.keys(i.json ?? {}))));
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <div className="items" data-testid={testId}>
      <div className="tabs">
        <button className={mode === 'table' ? 'on' : ''} onClick={() => setMode('table')}>Table</button>
        <button className={mode === 'json' ? 'on' : ''} onClick={() => setMode('json')}>JSON</button>
        <span className="muted">{items.length} item{items.length === 1 ? '' : 's'}</span>
      </div>
      {mode === 'table' ? (
        <table className="grid small">
          <thead><tr><th>#</th>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {items.map((item, i) => (
              <tr key={i}><td className="muted">{i}</td>{columns.map((c) => <td key={c}>{cell(item.json?.[c])}</td>)}</tr>
            ))}
          </tbody>
        </table>
      ) : (
        <pre className="json">{JSON.stringify(items.map((i) => i.json), null, 2)}</pre>
      )}
    </div>
  );
}
