import { useEffect, useState } from 'react';
import { ApiFailure, get, post, session } from '../api';

export function Login({ onSignedIn }: { onSignedIn: () => void }) {
  const [setup, setSetup] = useState<boolean | null>(null);
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get('/api/auth/status').then((s) => {
      setSetup(s.setupRequired);
      if (s.setupRequired || s.openRegistration) setMode(s.setupRequired ? 'register' : 'login');
    });
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const tokens = await post(mode === 'login' ? '/api/auth/login' : '/api/auth/register', { email, password });
      session.save(tokens);
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    }
  };

  return (
    <div className="login">
      <form onSubmit={submit} className="card">
        <h1>Weft</h1>
        <p className="muted">
          {setup ? 'Create the first account: it owns this server.' : mode === 'login' ? 'Sign in' : 'Create an account'}
        </p>
        <label>E-mail<input data-testid="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
        <label>Password<input data-testid="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} /></label>
        {error && <div className="error" data-testid="login-error">{error}</div>}
        <button type="submit" className="primary" data-testid="submit">{mode === 'login' ? 'Sign in' : 'Create account'}</button>
        {!setup && (
          <button type="button" className="link" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
            {mode === 'login' ? 'Create an account instead' : 'Sign in instead'}
          </button>
        )}
      </form>
    </div>
  );
}
