/**
 * The browser client's settings: the stack's `WebClientConfig` output, written to
 * `public/config.json` (see the README). Nothing here is typed in by hand.
 */
export interface WebClientConfig {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly scope: string;
  readonly response_type: string;
  /** Cognito's `/logout` URL with `client_id` and `logout_uri`; absent without `logoutUrls`. */
  readonly logout_url?: string;
  readonly post_logout_redirect_uri?: string;
  /** The API stage's URL, ending in `/`. */
  readonly api_url: string;
}

const REQUIRED = [
  'issuer', 'authorization_endpoint', 'token_endpoint', 'client_id', 'redirect_uri', 'scope', 'response_type', 'api_url',
] as const;

/** Reads `/config.json` and checks that it has every setting the app needs. */
export async function loadConfig(): Promise<WebClientConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  const text = response.ok ? await response.text() : '';
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // reported below
  }
  const missing = REQUIRED.filter((key) => typeof config[key] !== 'string');
  if (!response.ok || missing.length > 0) {
    throw new Error(`/config.json (HTTP ${response.status}) lacks ${missing.join(', ')}: write it from the stack's `
      + 'WebClientConfig output, as the README says');
  }
  return config as unknown as WebClientConfig;
}
