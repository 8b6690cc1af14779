import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { adoptOrAddDomain, brandManagedLogin, validateDomainPrefix } from '../../../src/private/auth/domain';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { adoptOrCreatePool } from '../../../src/private/auth/user-pool';
import { TUTORIAL_PROPS, newStack } from '../../helpers';

function domain(overrides = {}) {
  const stack = newStack();
  const owner = new Construct(stack, 'Api');
  const settings = resolveCognitoSettings({ ...TUTORIAL_PROPS, ...overrides });
  const pool = adoptOrCreatePool(owner, settings);
  const adopted = adoptOrAddDomain(pool, settings);
  const client = pool.userPool.addClient('Client');
  return { stack, owner, pool, adopted, client };
}

describe('adoptOrAddDomain and brandManagedLogin', () => {
  test('adds the prefix domain with managed login, and its branding for the client', () => {
    const { stack, owner, pool, adopted, client } = domain();
    expect(adopted.createdDomain).toBeDefined();
    expect(adopted.managedLoginVersion).toBe(cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN);
    expect(stack.resolve(adopted.baseUrl)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.stringMatching(/Domain/) }, '.auth.us-east-1.amazoncognito.com']],
    });
    const branding = brandManagedLogin(owner, adopted, pool.userPool, client);
    expect(branding?.node.path).toBe('TestStack/Api/ManagedLoginBranding');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
  });

  test('makes no branding for the classic hosted UI', () => {
    const { owner, pool, adopted, client } = domain({ managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI });
    expect(brandManagedLogin(owner, adopted, pool.userPool, client)).toBeUndefined();
  });
});

test('validateDomainPrefix refuses Cognito\'s reserved words', () => {
  expect(() => validateDomainPrefix('my-aws-login')).toThrow(
    'domainPrefix "my-aws-login" is invalid: it contains "aws", and Cognito reserves the words');
});
