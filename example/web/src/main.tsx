import { createRoot } from 'react-dom/client';
import { AuthProvider } from 'react-oidc-context';
import { App } from './App';
import { loadConfig } from './config';

const root = createRoot(document.getElementById('root')!);

loadConfig().then(
  (config) => root.render(
    <AuthProvider
      authority={config.issuer}
      client_id={config.client_id}
      redirect_uri={config.redirect_uri}
      response_type={config.response_type}
      scope={config.scope}
      // The endpoints come from the config, so the app needs no discovery request.
      metadata={{
        issuer: config.issuer,
        authorization_endpoint: config.authorization_endpoint,
        token_endpoint: config.token_endpoint,
      }}
      // Back on /dashboard: drop ?code=...&state=... from the address bar once it is used.
      onSigninCallback={() => window.history.replaceState({}, document.title, window.location.pathname)}
    >
      <App config={config} />
    </AuthProvider>,
  ),
  (error: Error) => root.render(<p role="alert">{error.message}</p>),
);
