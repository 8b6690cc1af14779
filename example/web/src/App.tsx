import { useState } from 'react';
import { useAuth } from 'react-oidc-context';
import type { WebClientConfig } from './config';

/** What the last API call gave: a status the browser could read, or why it could not read one. */
type CallResult =
  | { url: string; status: number; statusText: string; body: string }
  | { url: string; failure: string };

/** The claims of a JWT, decoded without checking it: the API checks it, the app only shows it. */
function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload)) as Record<string, unknown>;
}

export function App({ config }: { config: WebClientConfig }) {
  const auth = useAuth();
  const [path, setPath] = useState('awesomeapi');
  const [result, setResult] = useState<CallResult>();

  if (auth.isLoading) {
    return <p>Loading…</p>;
  }
  if (!auth.isAuthenticated || !auth.user) {
    return (
      <main>
        <h1>Awesome API</h1>
        {auth.error && <p role="alert" className="refused">Sign-in failed: {auth.error.message}</p>}
        <p>You are signed out.</p>
        <button onClick={() => void auth.signinRedirect()}>Sign in</button>
      </main>
    );
  }

  const accessToken = auth.user.access_token;
  const access = claimsOf(accessToken);

  async function callApi() {
    const url = new URL(path.replace(/^\/+/, ''), config.api_url).toString();
    setResult(undefined);
    try {
      // API Gateway's Cognito authorizer reads the access token from the Authorization header.
      const response = await fetch(url, { headers: { Authorization: accessToken } });
      setResult({ url, status: response.status, statusText: response.statusText, body: await response.text() });
    } catch (error) {
      setResult({
        url,
        failure: `${(error as Error).message}: the browser did not let this page read the answer. The API is `
          + `unreachable, or its CORS headers do not allow this page's origin (${window.location.origin}).`,
      });
    }
  }

  async function signOut() {
    await auth.removeUser();
    // Cognito's /logout ends the session on the login domain too, then returns to the logout URL.
    window.location.assign(config.logout_url ?? '/');
  }

  return (
    <main>
      <h1>Awesome API: dashboard</h1>
      <dl>
        <dt>Signed in as</dt>
        <dd data-testid="email">{String(auth.user.profile.email ?? auth.user.profile.sub)}</dd>
        <dt>Scopes of the access token</dt>
        <dd data-testid="scopes">{String(access.scope ?? '')}</dd>
        <dt>Access token expires</dt>
        <dd>{new Date(Number(access.exp) * 1000).toLocaleString()}</dd>
      </dl>
      <section>
        <label>
          GET {config.api_url}{' '}
          <input aria-label="API path" value={path} onChange={(event) => setPath(event.target.value)} />
        </label>{' '}
        <button onClick={() => void callApi()}>Call API</button>
        {result && <Result result={result} />}
      </section>
      <section>
        <button onClick={() => void signOut()}>Sign out</button>
      </section>
    </main>
  );
}

function Result({ result }: { result: CallResult }) {
  if ('failure' in result) {
    return <p role="status" data-testid="api-result" className="refused">GET {result.url}: {result.failure}</p>;
  }
  const ok = result.status >= 200 && result.status < 300;
  const refused = result.status === 401 || result.status === 403;
  return (
    <div role="status" data-testid="api-result" className={ok ? 'ok' : 'refused'}>
      <p>
        GET {result.url}: <strong data-testid="api-status">{result.status} {result.statusText}</strong>
        {refused && ' (refused: the access token is missing, invalid, expired or lacks a scope this method demands)'}
      </p>
      <pre data-testid="api-body">{result.body}</pre>
    </div>
  );
}
