import { useEffect, useState } from 'react';
import { post, session, whenSignedOut } from './api';
import { Link, navigate, usePath } from './router';
import { Login } from './pages/Login';
import { WorkflowList } from './pages/WorkflowList';
import { Studio } from './pages/Studio';
import { Executions } from './pages/Executions';
import { ExecutionDetail } from './pages/ExecutionDetail';
import { Dashboard } from './pages/Dashboard';
import { Credentials } from './pages/Credentials';

export function App() {
  const path = usePath();
  const [signedIn, setSignedIn] = useState(!!session.token());
  useEffect(() => whenSignedOut(() => setSignedIn(false)), []);

  if (!signedIn) {
    return <Login onSignedIn={() => { setSignedIn(true); navigate('/workflows'); }} />;
  }

  let page: React.ReactNode;
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/workflows\/([^/]+)$/))) page = <Studio key={m[1]} workflowId={decodeURIComponent(m[1])} />;
  else if ((m = path.match(/^\/executions\/([^/]+)$/))) page = <ExecutionDetail id={decodeURIComponent(m[1])} />;
  else if (path === '/executions') page = <Executions />;
  else if (path === '/dashboard') page = <Dashboard />;
  else if (path === '/credentials') page = <Credentials />;
  else page = <WorkflowList />;

  const nav = (to: string, label: string) => (
    <Link to={to} className={path.startsWith(to) ? 'active' : ''} testId={`nav-${label.toLowerCase()}`}>{label}</Link>
  );
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Weft</span>
        <nav>
          {nav('/workflows', 'Workflows')}
          {nav('/executions', 'Executions')}
          {nav('/dashboard', 'Dashboard')}
          {nav('/credentials', 'Credentials')}
        </nav>
        <span className="spacer" />
        <span className="muted">{session.email()}</span>
        <button
          className="link"
          onClick={async () => {
            await post('/api/auth/logout', { refreshToken: localStorage.getItem('weft.refreshToken') }).catch(() => {});
            session.clear();
            setSignedIn(false);
          }}
        >
          Sign out
        </button>
      </header>
      <main>{page}</main>
    </div>
  );
}
