export function Status({ status }: { status?: string | null }) {
  if (!status) return <span className="status none">never run</span>;
  return <span className={`status ${status}`} data-testid="status">{status}</span>;
}

export function when(iso?: string | null) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function ms(v?: number | null) {
  if (v === null || v === undefined) return '';
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`;
}
