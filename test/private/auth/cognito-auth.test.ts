import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CognitoAuth } from '../../../src/private/auth/cognito-auth';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { TUTORIAL_PROPS, newStack } from '../../helpers';

/** The Cognito half alone, as a front would build on it. */
function half(overrides = {}) {
  const stack = newStack();
  const owner = new Construct(stack, 'AwesomeApi');
  const auth = new CognitoAuth(owner, resolveCognitoSettings({ ...TUTORIAL_PROPS, ...overrides }));
  return { stack, auth };
}

describe('CognitoAuth, the half every front builds on', () => {
  test('makes the pool, its scopes, the browser client, the domain and its branding, and nothing of API Gateway', () => {
    const { stack } = half();
    const types = Object.values<any>(Template.fromStack(stack).toJSON().Resources).map((r) => r.Type).sort();
    expect(types).toEqual([
      'AWS::Cognito::ManagedLoginBranding', 'AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::UserPoolResourceServer',
    ]);
  });

  test('gives the full name of a short scope, and the scopes each client can obtain', () => {
    const { auth } = half();
    expect(auth.fullScopeName('awesomeapi.read')).toBe('awesomeapi-resource-server/awesomeapi.read');
    const machine = auth.addMachineClient('Reporter', { scopes: ['awesomeapi.read'] });
    expect(Array.from(auth.scopesOfClients().entries()).map(([c, s]) => [c.node.id, s]))
      .toEqual([['WebClient', ['awesomeapi.read']], ['Reporter', ['awesomeapi.read']]]);
    expect(auth.scopesOfClients().get(machine)).toEqual(['awesomeapi.read']);
    expect(auth.obtainableScopes()).toEqual(new Set(['awesomeapi.read']));
  });

  test('every client id resolves at synth, so machine clients added after asking count', () => {
    const { stack, auth } = half();
    const ids = auth.clientIds();
    auth.addMachineClient('Later', { scopes: ['awesomeapi.read'] });
    const clients = Object.keys(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(stack.resolve(ids)).toEqual([
      { Ref: clients.find((id) => id.includes('WebClient')) },
      { Ref: clients.find((id) => id.includes('Later')) },
    ]);
  });

  test('gives the issuer, the login URLs and the web client\'s settings for a front\'s URL', () => {
    const { stack, auth } = half({ logoutUrls: ['http://localhost:3000/'] });
    expect(stack.resolve(auth.issuerUrl)).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: expect.stringMatching(/^AwesomeApiUserPool/) }]],
    });
    expect(JSON.stringify(stack.resolve(auth.urls.authorizeUrl))).toContain('/oauth2/authorize?client_id=');
    expect(JSON.stringify(stack.resolve(auth.urls.tokenUrl))).toContain('/oauth2/token');
    expect(JSON.stringify(stack.resolve(auth.urls.logoutUrl))).toContain('logout_uri=http%3A%2F%2Flocalhost%3A3000%2F');
    const config = JSON.stringify(stack.resolve(auth.webClientConfig('https://api.example.com/')));
    expect(config).toContain('https://api.example.com/');
    expect(config).toContain('awesomeapi-resource-server/awesomeapi.read');
  });

  test('with the classic hosted UI, no branding', () => {
    const { auth, stack } = half({ managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI });
    expect(auth.managedLoginBranding).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
    expect(Stack.of(auth.userPool)).toBe(stack);
  });
});
