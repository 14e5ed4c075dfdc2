// The Weft server's API: JSON over fetch, with the access token refreshed when it expires.

export interface ApiError {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export class ApiFailure extends Error {
  constructor(public status: number, public error: ApiError) {
    super(error.message);
  }
}

const TOKEN = 'weft.token';
const REFRESH = 'weft.refreshToken';
const EMAIL = 'weft.email';

export const session = {
  token: () => localStorage.getItem(TOKEN),
  email: () => localStorage.getItem(EMAIL),
  save(t: { token: string; refreshToken: string; user?: { email: string } }) {
    localStorage.setItem(TOKEN, t.token);
    localStorage.setItem(REFRESH, t.refreshToken);
    if (t.user) localStorage.setItem(EMAIL, t.user.email);
  },
  clear() {
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(REFRESH);
    localStorage.removeItem(EMAIL);
  },
};

let onSignedOut: () => void = () => {};
export function whenSignedOut(f: () => void) {
  onSignedOut = f;
}

let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const refreshToken = localStorage.getItem(REFRESH);
  if (!refreshToken) return false;
  const r = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (!r.ok) return false;
  session.save(await r.json());
  return true;
}

export async function api<T = any>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 401 && token && !retried && !path.startsWith('/api/auth/')) {
    refreshing ??= refresh().finally(() => (refreshing = null));
    if (await refreshing) return api<T>(method, path, body, true);
    session.clear();
    onSignedOut();
  }
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!r.ok) {
    throw new ApiFailure(r.status, json?.error ?? { code: `http_${r.status}`, message: text || r.statusText, details: {} });
  }
  return json as T;
}

export const get = <T = any>(p: string) => api<T>('GET', p);
export const post = <T = any>(p: string, b?: unknown) => api<T>('POST', p, b ?? {});
export const put = <T = any>(p: string, b: unknown) => api<T>('PUT', p, b);
export const del = (p: string) => api('DELETE', p);

/**
 * Live execution events; reconnects by itself and resumes after the last event it saw. `extra` names event types
 * nodes publish themselves (such as `ai.toolCall`) to receive as well; those are live only, never replayed.
 */
export function events(path: string, onEvent: (type: string, data: any) => void, extra: string[] = []): () => void {
  let closed = false;
  let source: EventSource | null = null;
  let lastId: string | null = null;
  const types = [
    'execution.started', 'execution.finished', 'execution.failed', 'execution.cancelled', 'execution.waiting',
    'execution.resumed', 'node.started', 'node.finished', 'node.failed', 'node.retrying', ...extra,
  ];
  const open = () => {
    if (closed) return;
    const params = new URLSearchParams({ access_token: session.token() ?? '' });
    if (lastId) params.set('lastEventId', lastId);
    source = new EventSource(`${path}?${params}`);
    for (const t of types) {
      source.addEventListener(t, (e) => {
        const m = e as MessageEvent;
        lastId = m.lastEventId || lastId;
        onEvent(t, JSON.parse(m.data));
      });
    }
    source.onerror = () => {
      source?.close();
      if (!closed) setTimeout(async () => {
        await refresh().catch(() => false);
        open();
      }, 1000);
    };
  };
  open();
  return () => {
    closed = true;
    source?.close();
  };
}

export interface Port { name: string; displayName?: string }
export interface Option { value: unknown; label: string; description?: string }
export interface ParameterSpec {
  name: string;
  displayName: string;
  type: 'STRING' | 'NUMBER' | 'BOOLEAN' | 'OPTIONS' | 'MULTI_OPTIONS' | 'COLLECTION' | 'LIST' | 'JSON';
  required: boolean;
  defaultValue: unknown;
  description: string;
  placeholder: string;
  expressions: boolean;
  secret: boolean;
  options: Option[];
  fields: ParameterSpec[];
  displayWhen: Record<string, unknown[]>;
}
export interface NodeDescriptor {
  type: string;
  version: number;
  displayName: string;
  group: string;
  description: string;
  inputs: Port[];
  outputs: Port[];
  parameters: ParameterSpec[];
  credentials: { type: string; required: boolean }[];
}
export interface WorkflowNode {
  name: string;
  type: string;
  version?: number;
  position: [number, number];
  parameters?: Record<string, unknown>;
  credentials?: Record<string, string>;
  disabled?: boolean;
}
export interface Connection { from: string; output?: number; to: string; input?: number }
export interface Definition {
  name: string;
  nodes: WorkflowNode[];
  connections: Connection[];
  settings?: Record<string, unknown>;
  [k: string]: unknown;
}
export interface Workflow {
  id: string;
  name: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  definition: Definition;
  problems?: { node: string | null; parameter: string | null; message: string }[];
  lastExecution?: ExecutionSummary | null;
}
export interface ExecutionSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  status: string;
  mode: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: { message: string; node: string | null } | null;
}
export interface Page<T> { items: T[]; total: number; offset: number; limit: number }
