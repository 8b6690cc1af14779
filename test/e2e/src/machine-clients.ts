/**
 * The pool's machine clients, read from the template: app clients with the client-credentials
 * grant (`AllowedOAuthFlows` `client_credentials`, a generated secret), with the scopes each may
 * get. Cognito makes up each secret at deploy time; the stand-ins make one up too.
 */
import { randomUUID } from 'node:crypto';
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
