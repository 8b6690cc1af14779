/**
 * What differs between the API fronts the end-to-end flow (run.ts) runs against: the stand-in of
 * the template's API, and what the example promises its routes answer. The REST front is in run.ts,
 * the HTTP front in http-cases.ts.
 */
import type { ApiRequestLog } from './api.js';
import type { WebClientConfig } from './model.js';
import type { ResolvedTemplate } from './template.js';

/** One call the flow makes from the app, and what the app must show. */
export interface ExpectedCall {
  /** The step's name (broken-template cases name the step they must fail at). */
  readonly step: string;
  readonly path: string;
  /** What the app shows as the status, e.g. `200 OK`. */
  readonly status: string;
  readonly body: (config: WebClientConfig) => string;
}

/** A call a machine client makes, with a client-credentials token (`Authorization: Bearer <token>`). */
export interface MachineCall {
  readonly step: string;
  readonly path: string;
  /** The scope it asks the token endpoint for: the first machine client of the template allowed it calls. */
  readonly scope: string;
  /** The status code, e.g. `200`. */
  readonly status: number;
  readonly body: (clientId: string) => string;
}

/** An API stand-in, read from a template, not started yet. */
export interface ApiStandIn {
  /** The API's address on AWS (as the template's outputs name it), which the harness points at the stand-in. */
  readonly awsOrigin: string;
  /**
   * Starts it on `port`. `issuerFor` maps a Cognito issuer of the template to the local provider's,
   * or gives undefined where no provider stands in for it.
   */
  start(port: number, issuerFor: (cognitoIssuer: string) => string | undefined, log: ApiRequestLog[]): Promise<() => Promise<void>>;
}

export interface Front {
  readonly name: string;
  apiOf(t: ResolvedTemplate): ApiStandIn;
  /** A route the app's user may call. */
  readonly allowed: ExpectedCall;
  /** A route that demands a scope the app's user cannot get: refused, and the app can read the refusal. */
  readonly refused: ExpectedCall;
  /** More calls the flow makes after those two, in order. */
  readonly more?: ExpectedCall[];
  /** A call of a machine client, after the app's. */
  readonly machine?: MachineCall;
}
