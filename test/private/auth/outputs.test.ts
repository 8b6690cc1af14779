import { Token } from 'aws-cdk-lib';
import { Template, Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { addMachineClientOutput, addOutputs, issuerUrl, loginUrls, webClientConfig } from '../../../src/private/auth/outputs';
import { newStack } from '../../helpers';

const SOURCE = {
  baseUrl: 'https://login.example.com',
  clientId: 'client1',
  scopes: ['openid', 'api/read'],
  callbackUrls: ['https://app.example.com/cb'],
  logoutUrls: [],
};

describe('loginUrls', () => {
  test('gives the authorize and token URLs, and no sign-out URL without logout URLs', () => {
    const urls = loginUrls(newStack(), SOURCE);
    expect(urls).toEqual({
      authorizeUrl: 'https://login.example.com/oauth2/authorize?client_id=client1&response_type=code&scope=openid%20api%2Fread'
        + '&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb',
      tokenUrl: 'https://login.example.com/oauth2/token',
      logoutUrl: undefined,
    });
  });

  test('warns on the scope when the first callback URL has a part only known at deploy time', () => {
    const stack = newStack();
    loginUrls(stack, { ...SOURCE, callbackUrls: [`https://${Token.asString({ Ref: 'D' })}/cb`] });
    Annotations.fromStack(stack).hasWarning('/TestStack', Match.stringLikeRegexp('^callbackUrls\\[0\\] holds a value only known'));
  });
});

test('issuerUrl and webClientConfig name the pool and the API', () => {
  const stack = newStack();
  const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbC');
  expect(stack.resolve(issuerUrl(stack, pool))).toEqual({
    'Fn::Join': ['', ['https://cognito-idp.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/us-east-1_AbC']],
  });
  const urls = loginUrls(stack, SOURCE);
  const config = JSON.parse(stack.resolve(webClientConfig(stack, {
    ...SOURCE, ...urls, issuer: 'https://issuer', apiUrl: 'https://api/', identityProviders: ['COGNITO'],
  })));
  expect(config).toEqual({
    issuer: 'https://issuer',
    authorization_endpoint: 'https://login.example.com/oauth2/authorize',
    token_endpoint: 'https://login.example.com/oauth2/token',
    client_id: 'client1',
    redirect_uri: 'https://app.example.com/cb',
    scope: 'openid api/read',
    response_type: 'code',
    api_url: 'https://api/',
    identity_providers: ['COGNITO'],
  });
});

test('addOutputs adds LogoutUrl only with a sign-out URL', () => {
  const stack = newStack();
  addOutputs(stack, {
    authorizeUrl: 'a', tokenUrl: 't', webClientConfig: '{}', userPoolId: 'p', clientId: 'c', apiUrl: 'u',
  });
  expect(Object.keys(Template.fromStack(stack).findOutputs('*')).sort()).toEqual([
    'ApiUrl', 'AuthorizeUrl', 'TokenUrl', 'UserPoolClientId', 'UserPoolId', 'WebClientConfig',
  ]);
});

test('addMachineClientOutput names the output after the client and shows its id, never its secret', () => {
  const stack = newStack();
  const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbC');
  const client = new cognito.UserPoolClient(stack, 'Billing', { userPool: pool, generateSecret: true });
  const output = addMachineClientOutput(client, 'Billing');
  expect(output.node.path).toBe('TestStack/Billing/ClientId');
  const outputs = Template.fromStack(stack).findOutputs('*');
  expect(Object.keys(outputs)).toEqual([expect.stringMatching(/^BillingClientId[0-9A-F]{8}$/)]);
  expect(Object.values(outputs)[0]).toEqual({
    Description: 'The client id of the machine client Billing (client-credentials grant)',
    Value: { Ref: stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient) },
  });
});
