/**
 * The pool's machine clients, read from the template: app clients with the client-credentials
 * grant (`AllowedOAuthFlows` `client_credentials`, a generated secret), with the scopes each may
 * get. Cognito makes up each secret at deploy time; the stand-ins make one up too.
 */
import { randomUUID } from 'node:crypto';
import type { ApiRequestLog } from './api.js';
import type { MachineCall } from './front.js';
import type { WebClientConfig } from './model.js';
import { ResolvedTemplate } from './template.js';

export interface MachineClient {
  readonly clientId: string;
  /** Made up by the test: Cognito generates the secret, the template does not hold it. */
  readonly clientSecret: string;
  readonly scopes: string[];
  readonly accessTokenSeconds: number;
}

/** The machine clients of the pool whose id (`Ref`) is `poolId`. */
export function machineClients(t: ResolvedTemplate, poolId: string): MachineClient[] {
  return t.ofType('AWS::Cognito::UserPoolClient')
    .filter((id) => t.prop(id, 'UserPoolId') === poolId && JSON.stringify(t.prop(id, 'AllowedOAuthFlows')) === '["client_credentials"]')
    .map((id) => {
      if (t.prop(id, 'GenerateSecret') !== true) {
        throw new Error(`${id}: a client-credentials client needs a secret (GenerateSecret true)`);
      }
      const validity = t.prop(id, 'AccessTokenValidity');
      const unit = ((t.prop(id, 'TokenValidityUnits') ?? {}) as { AccessToken?: string }).AccessToken ?? 'hours';
      const factor: { [unit: string]: number } = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
      return {
        clientId: t.ref(id),
        clientSecret: randomUUID(),
        scopes: t.stringsProp(id, 'AllowedOAuthScopes'),
        accessTokenSeconds: typeof validity === 'number' ? validity * factor[unit] : 3600,
      };
    });
}

/**
 * Gets a client-credentials token for `call.scope` from the token endpoint, as the first machine
 * client allowed that scope, and calls the API with it (`Authorization: Bearer <token>`); throws
 * unless the API answers `call.status` and `call.body`.
 */
export async function callAsMachineClient(call: MachineCall, machines: MachineClient[], config: WebClientConfig, apiLog: ApiRequestLog[])
  : Promise<void> {
  const client = machines.find((m) => m.scopes.includes(call.scope));
  if (!client) {
    throw new Error(`no machine client of the template may get ${call.scope}`);
  }
  const tokens = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: call.scope }),
  });
  const granted = await tokens.json() as { access_token?: string };
  if (!tokens.ok || !granted.access_token) {
    throw new Error(`the token endpoint refused the client credentials of ${client.clientId}: ${tokens.status} ${JSON.stringify(granted)}`);
  }
  const response = await fetch(new URL(call.path, config.api_url), { headers: { Authorization: `Bearer ${granted.access_token}` } });
  const body = await response.text();
  if (response.status !== call.status || body !== call.body(client.clientId)) {
    const reason = apiLog.at(-1)?.reason;
    throw new Error(`expected ${call.status} and ${call.body(client.clientId)}, the API answered ${response.status} ${body}${reason ? ` (${reason})` : ''}`);
  }
}
