import { useEffect, useState } from 'react';
import { get } from '../api';
import { ms } from '../components/Status';

interface Stat {
  workflowId: string; name: string; runs: number; success: number; error: number; cancelled: number;
  successRate: number | null; durationMs: { p50: number | null; p90: number | null; p99: number | null };
  days: (Omit<Stat, 'days' | 'workflowId' | 'name'> & { day: string })[];
}

/** Per workflow: runs, success rate and duration percentiles, with a bar per day. */
export function Dashboard() {
  const [days, setDays] = useState(14);
  const [stats, setStats] = useState<{ workflows: Stat[]; from: string } | null>(null);
  useEffect(() => { get(`/api/stats?days=${days}`).then(setStats); }, [days]);
  const maxRuns = Math.max(1, ...(stats?.workflows.flatMap((w) => w.days.map((d) => d.runs)) ?? [1]));
  return (
    <div className="page">
      <div className="toolbar">
        <h2>Dashboard</h2>
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="period">
          {[1, 7, 14, 30, 90].map((d) => <option key={d} value={d}>last {d} day{d > 1 ? 's' : ''}</option>)}
        </select>
      </div>
      <table className="grid" data-testid="stats">
        <thead><tr><th>Workflow</th><th>Runs</th><th>Success rate</th><th>p50</th><th>p90</th><th>p99</th><th>Per day</th></tr></thead>
        <tbody>
          {stats?.workflows.map((w) => (
            <tr key={w.workflowId}>
              <td>{w.name}</td>
              <td>{w.runs} <span className="muted">({w.error} failed)</span></td>
              <td>{w.successRate === null ? '' : `${(w.successRate * 100).toFixed(1)} %`}</td>
              <td>{ms(w.durationMs.p50)}</td>
              <td>{ms(w.durationMs.p90)}</td>
              <td>{ms(w.durationMs.p99)}</td>
              <td>
                <div className="spark">
                  {w.days.map((d) => (
                    <div key={d.day} className="bar" title={`${d.day}: ${d.runs} runs, ${d.error} failed, p50 ${ms(d.durationMs.p50)}, p99 ${ms(d.durationMs.p99)}`}>
                      <div className="ok" style={{ height: `${(d.success / maxRuns) * 100}%` }} />
                      <div className="bad" style={{ height: `${(d.error / maxRuns) * 100}%` }} />
                    </div>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {stats && stats.workflows.length === 0 && <p className="muted">No executions in this period.</p>}
    </div>
  );
}
