import { Annotations, App, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ProtectedApiWithCognito } from '../../../src';
import { adoptOrAddDomain, brandManagedLogin, validateDomainPrefix } from '../../../src/private/auth/domain';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { adoptOrCreatePool } from '../../../src/private/auth/user-pool';
import { TUTORIAL_PROPS, newStack, tutorialApi } from '../../helpers';

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

describe('warnOfSharedPrefix', () => {
  const ID = 'cdk-cognito-protected-api:sharedDomainPrefix';

  function twoApis(firstEnv: { region?: string }, secondEnv: { region?: string }, secondPrefix = TUTORIAL_PROPS.domainPrefix) {
    const app = new App({ builtinCloudFormationValidation: false });
    const first = new Stack(app, 'Dev', { env: firstEnv.region ? { account: '111111111111', ...firstEnv } : undefined });
    const second = new Stack(app, 'Prod', { env: secondEnv.region ? { account: '222222222222', ...secondEnv } : undefined });
    tutorialApi(first).addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    tutorialApi(second, { domainPrefix: secondPrefix }).addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    return { first, second };
  }

  test('warns when two constructs of one app use the same prefix in the same region, even in two accounts', () => {
    const { first, second } = twoApis({ region: 'us-east-1' }, { region: 'us-east-1' });
    AssertAnnotations.fromStack(second).hasWarning('/Prod/AwesomeApi', Match.stringLikeRegexp(
      '^domainPrefix "buraktas-awesome-domain" is also the prefix of "Dev/AwesomeApi/UserPool/Domain/Resource", in the same '
      + 'region, "us-east-1": Cognito prefix domains are unique in a region across all AWS accounts, so the second one fails to '
      + 'deploy; give each stage or environment its own prefix, such as "buraktas-awesome-domain-dev"'));
    // The first one cannot know of the second: one warning, on the second.
    AssertAnnotations.fromStack(first).hasNoWarning('*', Match.stringLikeRegexp('domainPrefix'));
  });

  test('warns for two stacks without a region', () => {
    const { second } = twoApis({}, {});
    AssertAnnotations.fromStack(second).hasWarning('/Prod/AwesomeApi', Match.stringLikeRegexp(
      'is also the prefix of "Dev/AwesomeApi/UserPool/Domain/Resource", in a stack whose region is also chosen at deploy time'));
  });

  test('is quiet for other regions and other prefixes', () => {
    for (const { second } of [
      twoApis({ region: 'us-east-1' }, { region: 'eu-west-1' }),
      twoApis({ region: 'us-east-1' }, { region: 'us-east-1' }, 'buraktas-awesome-domain-prod'),
    ]) {
      AssertAnnotations.fromStack(second).hasNoWarning('*', Match.stringLikeRegexp('domainPrefix'));
    }
  });

  test('can be acknowledged on the construct', () => {
    const build = (acknowledged: boolean) => {
      const app = new App({ builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
      tutorialApi(stack).addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
      const second = new ProtectedApiWithCognito(stack, 'Second', { ...TUTORIAL_PROPS });
      second.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
      if (acknowledged) {
        Annotations.of(second).acknowledgeWarning(ID, 'only one of them is ever deployed');
      }
      return AssertAnnotations.fromStack(stack);
    };
    build(false).hasWarning('/S/Second', Match.stringLikeRegexp('^domainPrefix "buraktas-awesome-domain" is also the prefix'));
    build(true).hasNoWarning('*', Match.stringLikeRegexp('domainPrefix'));
  });
});
