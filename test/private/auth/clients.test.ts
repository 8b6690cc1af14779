import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { ApiClients, DEFAULT_ACCESS_TOKEN_VALIDITY, validateScopeSubset, validateTokenValidity } from '../../../src/private/auth/clients';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { adoptOrCreatePool } from '../../../src/private/auth/user-pool';
import { TUTORIAL_PROPS, newStack } from '../../helpers';

function clients(overrides = {}) {
  const stack = newStack();
  const owner = new Construct(stack, 'Api');
  const settings = resolveCognitoSettings({
    ...TUTORIAL_PROPS,
    scopes: [{ name: 'read', description: 'r' }, { name: 'admin', description: 'a' }],
    clientScopes: ['read'],
    ...overrides,
  });
  return { stack, clients: new ApiClients(owner, adoptOrCreatePool(owner, settings), settings) };
}

describe('ApiClients', () => {
  test('the browser client requests openid and its scopes in full; only what some client can get is obtainable', () => {
    const { clients: c } = clients();
    expect(c.requestedScopes).toEqual(['openid', 'awesomeapi-resource-server/read']);
    expect(c.obtainableScopes()).toEqual(new Set(['read']));
    c.addMachineClient('Admin', { scopes: ['admin'] });
    expect(c.obtainableScopes()).toEqual(new Set(['read', 'admin']));
  });

  test('the scopes machine clients may hold: none without them, then each once, in the resource server\'s order', () => {
    const { clients: c } = clients({ scopes: [{ name: 'read', description: 'r' }, { name: 'admin', description: 'a' }, { name: 'x', description: 'x' }] });
    expect(c.machineClientScopes()).toEqual([]);
    c.addMachineClient('A', { scopes: ['x', 'admin'] });
    c.addMachineClient('B', { scopes: ['admin'] });
    expect(c.machineClientScopes()).toEqual(['admin', 'x']);
  });

  test('a machine client gets the default access token lifetime, 60 minutes, like the browser client', () => {
    const { stack, clients: c } = clients();
    c.addMachineClient('Admin', { scopes: ['admin'] });
    expect(DEFAULT_ACCESS_TOKEN_VALIDITY.toMinutes()).toBe(60);
    const found = Object.values<any>(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(found.map((r) => [r.Properties.AccessTokenValidity, r.Properties.TokenValidityUnits.AccessToken])).toEqual([
      [60, 'minutes'], [60, 'minutes'],
    ]);
  });

  test('fails when a machine client names an unknown scope or a lifetime Cognito refuses', () => {
    const { clients: c } = clients();
    expect(() => c.addMachineClient('X', { scopes: ['write'] })).toThrow(
      'addMachineClient "X": scopes[0] "write" is not one of the API\'s scopes (read, admin)');
    expect(() => c.addMachineClient('Y', { scopes: ['read'], accessTokenValidity: Duration.minutes(1) })).toThrow(
      'addMachineClient "Y": accessTokenValidity "1 minute" is invalid: Cognito allows 5 minutes to 1 day');
  });
});

test('validateScopeSubset and validateTokenValidity follow the one message format', () => {
  expect(() => validateScopeSubset('clientScopes', ['read', 'read'], ['read'])).toThrow(
    'clientScopes[1] "read" is repeated (also clientScopes[0]); name each scope once');
  expect(() => validateTokenValidity('accessTokenValidity', Duration.days(2))).toThrow(
    'accessTokenValidity "2 days" is invalid: Cognito allows 5 minutes to 1 day');
});
