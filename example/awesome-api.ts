import { Stack } from 'aws-cdk-lib';
import { ProtectedApiWithCognito } from '../src';

/** Where the example web app (example/web) runs: its callback and logout URLs. */
export interface WebAppUrls {
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
}

/**
 * The example's protected API, the tutorial's setup, for a web app at `web`: the app's users may
 * call GET /awesomeapi; GET /awesomeapi/admin demands a scope only a machine client can get.
 */
export function addAwesomeApi(stack: Stack, web: WebAppUrls): ProtectedApiWithCognito {
  const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', {
    domainPrefix: 'buraktas-awesome-domain',
    resourceServerIdentifier: 'awesomeapi-resource-server',
    scopes: [
      { name: 'awesomeapi.read', description: 'awesomeapi read scope' },
      { name: 'awesomeapi.admin', description: 'awesomeapi administration scope' },
    ],
    // The web app (example/web) may ask for the read scope only; the admin scope is a machine client's.
    clientScopes: ['awesomeapi.read'],
    callbackUrls: web.callbackUrls,
    logoutUrls: web.logoutUrls,
  });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  // A method the web app's users cannot call: it shows how the API refuses a token without the scope.
  api.addMethod('GET', '/awesomeapi/admin', { scopes: ['awesomeapi.admin'] });
  api.addMachineClient('AdminTool', { scopes: ['awesomeapi.admin'] });
  return api;
}
