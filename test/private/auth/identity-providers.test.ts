import * as fs from 'fs';
import * as path from 'path';
import { App, Aws, CfnParameter, Fn, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../../../src';
import { plainTextLength, validateNoPlainSecret, validateSamePool } from '../../../src/private/auth/identity-providers';
import { newStack, tutorialApi, TUTORIAL_PROPS, violations } from '../../helpers';

const CLIENT = 'AwesomeApiUserPoolWebClientA952D31A';
const SAML_METADATA = cognito.UserPoolIdentityProviderSamlMetadata.url('https://login.example.com/saml/metadata.xml');

/** Makes one provider of a kind on `userPool`, its secret (if any) in Secrets Manager. */
type MakeProvider = (scope: Construct, userPool: cognito.IUserPool, mapping?: cognito.AttributeMapping)
=> cognito.IUserPoolIdentityProvider;

const KINDS: Record<string, { name: string; make: MakeProvider }> = {
  Google: {
    name: 'Google',
    make: (scope, userPool, mapping = { email: cognito.ProviderAttribute.GOOGLE_EMAIL }) =>
      new cognito.UserPoolIdentityProviderGoogle(scope, 'Google', {
        userPool,
        clientId: 'google-client-id',
        clientSecretValue: SecretValue.secretsManager('google-oauth'),
        attributeMapping: mapping,
      }),
  },
  Apple: {
    name: 'SignInWithApple',
    make: (scope, userPool, mapping = { email: cognito.ProviderAttribute.APPLE_EMAIL }) =>
      new cognito.UserPoolIdentityProviderApple(scope, 'Apple', {
        userPool,
        clientId: 'com.example.web',
        teamId: 'TEAM123456',
        keyId: 'KEY1234567',
        privateKeyValue: SecretValue.secretsManager('apple-key'),
        attributeMapping: mapping,
      }),
  },
  Facebook: {
    name: 'Facebook',
    make: (scope, userPool, mapping = { email: cognito.ProviderAttribute.FACEBOOK_EMAIL }) =>
      new cognito.UserPoolIdentityProviderFacebook(scope, 'Facebook', {
        userPool,
        clientId: 'facebook-app-id',
        clientSecret: SecretValue.secretsManager('facebook-app').unsafeUnwrap(),
        attributeMapping: mapping,
      }),
  },
  Amazon: {
    name: 'LoginWithAmazon',
    make: (scope, userPool, mapping = { email: cognito.ProviderAttribute.AMAZON_EMAIL }) =>
      new cognito.UserPoolIdentityProviderAmazon(scope, 'Amazon', {
        userPool,
        clientId: 'amzn1.application-oa2-client.example',
        clientSecret: SecretValue.secretsManager('amazon-app').unsafeUnwrap(),
        attributeMapping: mapping,
      }),
  },
  OIDC: {
    name: 'Corporate',
    make: (scope, userPool, mapping = { email: cognito.ProviderAttribute.other('email') }) =>
      new cognito.UserPoolIdentityProviderOidc(scope, 'Oidc', {
        userPool,
        name: 'Corporate',
        clientId: 'corporate-client-id',
        clientSecret: SecretValue.secretsManager('corporate-oidc').unsafeUnwrap(),
        issuerUrl: 'https://login.example.com',
        attributeMapping: mapping,
      }),
  },
  SAML: {
    name: 'EntraId',
    make: (scope, userPool, mapping = {
      email: cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
    }) =>
      new cognito.UserPoolIdentityProviderSaml(scope, 'Saml', {
        userPool,
        name: 'EntraId',
        metadata: SAML_METADATA,
        attributeMapping: mapping,
      }),
  },
};

/** The tutorial's API with its GET method, in a fresh stack. */
function tutorialWithMethod(overrides: Partial<ProtectedApiWithCognitoProps> = {}) {
  const stack = newStack();
  const api = tutorialApi(stack, overrides);
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  return { stack, api };
}

/** The browser client's resource (properties and `DependsOn`). */
function webClient(stack: Stack): any {
  return Template.fromStack(stack).toJSON().Resources[CLIENT];
}

/** The logical id of a construct's L1 in its stack. */
function logicalId(provider: cognito.IUserPoolIdentityProvider): string {
  const stack = Stack.of(provider);
  return stack.getLogicalId(provider.node.defaultChild as cognito.CfnUserPoolIdentityProvider);
}

/** The WebClientConfig output, read as JSON with each token shown as `<Ref>`. */
function webClientConfig(stack: Stack): any {
  const outputs = Template.fromStack(stack).toJSON().Outputs;
  const key = Object.keys(outputs).find((k) => k.startsWith('AwesomeApiWebClientConfig'))!;
  return JSON.parse(outputs[key].Value['Fn::Join'][1]
    .map((part: any) => (typeof part === 'string' ? part : `<${part.Ref}>`))
    .join(''));
}

/** Every client secret or private key of an identity provider in the template that is plain text. */
function plainSecrets(template: any): string[] {
  return Object.values<any>(template.Resources)
    .filter((r) => r.Type === 'AWS::Cognito::UserPoolIdentityProvider')
    .flatMap((r) => ['client_secret', 'private_key'].map((key) => r.Properties.ProviderDetails[key]))
    .filter((value) => value !== undefined && !(typeof value === 'string' && value.startsWith('{{resolve:secretsmanager:')));
}

/** The construct's warnings about providers without email, without their acknowledgement id. */
function emailWarnings(stack: Stack): string[] {
  const suffix = ' [ack: cdk-cognito-protected-api:providerWithoutEmail]';
  return Annotations.fromStack(stack).findWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp('email'))
    .map((w) => String(w.entry.data))
    .filter((message) => message.endsWith(suffix))
    .map((message) => message.slice(0, -suffix.length));
}

describe('the browser client offers the added providers', () => {
  test('by default, only the pool\'s own users (COGNITO), and depends on no provider', () => {
    const { stack } = tutorialWithMethod();
    const client = webClient(stack);
    expect(client.Properties.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.DependsOn).toBeUndefined();
  });

  test.each(Object.entries(KINDS))('%s: listed after COGNITO under its name, and the client depends on it', (_kind, { name, make }) => {
    const { stack, api } = tutorialWithMethod();
    const provider = make(stack, api.userPool);

    api.addIdentityProvider(provider);

    const client = webClient(stack);
    expect(client.Properties.SupportedIdentityProviders).toEqual(['COGNITO', name]);
    expect(client.DependsOn).toEqual([logicalId(provider)]);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', { ProviderName: name });
  });

  test('every kind at once, in the order added, each a dependency of the client', () => {
    const { stack, api } = tutorialWithMethod();
    const providers = Object.values(KINDS).map(({ make }) => make(stack, api.userPool));

    providers.forEach((p) => api.addIdentityProvider(p));

    const client = webClient(stack);
    expect(client.Properties.SupportedIdentityProviders).toEqual(['COGNITO', ...Object.values(KINDS).map((k) => k.name)]);
    expect([...client.DependsOn].sort()).toEqual(providers.map(logicalId).sort());
  });

  test('a provider added after methods and machine clients is still listed', () => {
    const { stack, api } = tutorialWithMethod();
    api.addMachineClient('Reporting', { scopes: ['awesomeapi.read'] });
    const google = KINDS.Google.make(stack, api.userPool);

    api.addIdentityProvider(google);

    expect(webClient(stack).Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'Google']);
    // the machine client signs in with its own secret; providers are not its business
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['client_credentials'],
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  test('a SAML provider without a name is listed under the name CDK generates for it', () => {
    const { stack, api } = tutorialWithMethod();
    const saml = new cognito.UserPoolIdentityProviderSaml(stack, 'Unnamed', {
      userPool: api.userPool,
      metadata: SAML_METADATA,
      attributeMapping: { email: cognito.ProviderAttribute.other('email') },
    });

    api.addIdentityProvider(saml);

    const generated = Template.fromStack(stack).toJSON().Resources[logicalId(saml)].Properties.ProviderName;
    expect(generated).toMatch(/^TestStackUnnamed/);
    expect(webClient(stack).Properties.SupportedIdentityProviders).toEqual(['COGNITO', generated]);
  });

  test('a provider imported by name is listed, with nothing to depend on', () => {
    const { stack, api } = tutorialWithMethod();
    const imported = cognito.UserPoolIdentityProvider.fromProviderName(stack, 'Existing', 'CorporateSaml');

    api.addIdentityProvider(imported);

    const client = webClient(stack);
    expect(client.Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'CorporateSaml']);
    expect(client.DependsOn).toBeUndefined();
  });
});

describe('userPoolSignIn', () => {
  test('false: the client offers only the added providers', () => {
    const { stack, api } = tutorialWithMethod({ userPoolSignIn: false });
    api.addIdentityProvider(KINDS.SAML.make(stack, api.userPool));
    api.addIdentityProvider(KINDS.OIDC.make(stack, api.userPool));

    expect(webClient(stack).Properties.SupportedIdentityProviders).toEqual(['EntraId', 'Corporate']);
    expect(webClientConfig(stack).identity_providers).toEqual(['EntraId', 'Corporate']);
  });

  test('true is the default', () => {
    const { stack, api } = tutorialWithMethod({ userPoolSignIn: true });
    api.addIdentityProvider(KINDS.Google.make(stack, api.userPool));

    expect(webClient(stack).Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'Google']);
  });

  test('fails when userPoolSignIn is false and no provider is added', () => {
    const { stack } = tutorialWithMethod({ userPoolSignIn: false });

    expect(() => Template.fromStack(stack)).toThrow(
      'TestStack/AwesomeApi: userPoolSignIn is false and no identity provider is added, so nobody could sign in: '
      + 'call addIdentityProvider(provider) at least once, or leave userPoolSignIn at true',
    );
  });

  test('fails when userPoolSignIn is false and allowUserPasswordAuth is true', () => {
    expect(() => tutorialApi(newStack(), { userPoolSignIn: false, allowUserPasswordAuth: true })).toThrow(
      'userPoolSignIn false and allowUserPasswordAuth true contradict each other: the first turns sign-in with a '
      + 'password kept in the pool off, the second lets scripts send one; drop allowUserPasswordAuth',
    );
  });
});

describe('authorizeUrlFor', () => {
  test('is authorizeUrl with identity_provider=<name>', () => {
    const { stack, api } = tutorialWithMethod();
    const google = KINDS.Google.make(stack, api.userPool);
    api.addIdentityProvider(google);

    const url = api.authorizeUrlFor(google);

    expect(url).toBe(`${api.authorizeUrl}&identity_provider=Google`);
    const joined = stack.resolve(url)['Fn::Join'][1]
      .map((part: any) => (typeof part === 'string' ? part : `<${part.Ref}>`)).join('');
    expect(joined).toMatch(new RegExp('^https://<AwesomeApiUserPoolDomain[0-9A-F]+>\\.auth\\.us-east-1\\.amazoncognito\\.com'
      + `/oauth2/authorize\\?client_id=<${CLIENT}>&response_type=code&scope=openid%20awesomeapi-resource-server%2F`
      + 'awesomeapi\\.read&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fdashboard&identity_provider=Google$'));
  });

  test('URL-encodes the provider\'s name', () => {
    const { stack, api } = tutorialWithMethod();
    const oidc = new cognito.UserPoolIdentityProviderOidc(stack, 'Oidc', {
      userPool: api.userPool,
      name: 'Corp+SSO',
      clientId: 'id',
      clientSecret: SecretValue.secretsManager('corp').unsafeUnwrap(),
      issuerUrl: 'https://login.example.com',
      attributeMapping: { email: cognito.ProviderAttribute.other('email') },
    });
    api.addIdentityProvider(oidc);

    expect(api.authorizeUrlFor(oidc)).toBe(`${api.authorizeUrl}&identity_provider=Corp%2BSSO`);
  });

  test('fails when authorizeUrlFor gets a provider that was never added', () => {
    const { stack, api } = tutorialWithMethod();
    const google = KINDS.Google.make(stack, api.userPool);

    expect(() => api.authorizeUrlFor(google)).toThrow(
      'authorizeUrlFor: provider TestStack/Google ("Google") was never added to this API: '
      + 'call addIdentityProvider(provider) first',
    );
  });
});

describe('WebClientConfig', () => {
  test('lists the providers the client offers, COGNITO first', () => {
    const { stack, api } = tutorialWithMethod();
    api.addIdentityProvider(KINDS.Google.make(stack, api.userPool));
    api.addIdentityProvider(KINDS.SAML.make(stack, api.userPool));

    expect(webClientConfig(stack).identity_providers).toEqual(['COGNITO', 'Google', 'EntraId']);
  });

  test('lists COGNITO alone when no provider is added', () => {
    const { stack } = tutorialWithMethod();

    expect(webClientConfig(stack).identity_providers).toEqual(['COGNITO']);
  });
});

describe('addIdentityProvider refuses', () => {
  test('fails when the same provider is added twice', () => {
    const { stack, api } = tutorialWithMethod();
    const google = KINDS.Google.make(stack, api.userPool);
    api.addIdentityProvider(google);

    expect(() => api.addIdentityProvider(google)).toThrow(
      'addIdentityProvider: provider TestStack/Google ("Google") is already added: add each provider once',
    );
  });

  test('fails when two providers have the same name', () => {
    const { stack, api } = tutorialWithMethod();
    api.addIdentityProvider(KINDS.SAML.make(stack, api.userPool));
    const other = new cognito.UserPoolIdentityProviderSaml(stack, 'OtherSaml', {
      userPool: api.userPool,
      name: 'EntraId',
      metadata: SAML_METADATA,
      attributeMapping: { email: cognito.ProviderAttribute.other('email') },
    });

    expect(() => api.addIdentityProvider(other)).toThrow(
      'addIdentityProvider: provider TestStack/OtherSaml ("EntraId") has the same name as provider TestStack/Saml, '
      + 'added before: a user pool holds one provider of each name; add one of the two, or give them different names',
    );
  });

  test('fails when the provider is made on another user pool', () => {
    const { stack, api } = tutorialWithMethod();
    const otherPool = new cognito.UserPool(stack, 'OtherPool');
    const google = KINDS.Google.make(stack, otherPool);

    expect(() => api.addIdentityProvider(google)).toThrow(
      'addIdentityProvider: provider TestStack/Google ("Google") is made on another user pool (TestStack/OtherPool/Resource) '
      + 'than this API\'s (TestStack/AwesomeApi/UserPool/Resource): '
      + 'make it with userPool: api.userPool',
    );
  });

  test('fails when the provider is in another stack than the API\'s pool and client', () => {
    const { stack, api } = tutorialWithMethod();
    const other = new Stack(stack.node.root as App, 'ProvidersStack', {
      env: { account: '123456789012', region: 'us-east-1' },
    });
    const google = KINDS.Google.make(other, api.userPool);

    expect(() => api.addIdentityProvider(google)).toThrow(
      'addIdentityProvider: provider ProvidersStack/Google ("Google") is in stack ProvidersStack, while this API\'s '
      + 'user pool and browser client are in stack TestStack: the provider refers to the pool and the client depends '
      + 'on the provider, so the two stacks would depend on each other; make the provider in TestStack',
    );
    // what would happen otherwise
    api.userPoolClient.node.addDependency(google);
    expect(() => Template.fromStack(stack)).toThrow(/DependencyCycle|cyclic reference/);
  });

  describe('with imported pools, by id', () => {
    function check(apiPoolId: string, providerPoolId: string): () => void {
      const stack = newStack();
      const apiPool = cognito.UserPool.fromUserPoolId(stack, 'ApiPool', apiPoolId);
      const providerPool = cognito.UserPool.fromUserPoolId(stack, 'ProviderPool', providerPoolId);
      const google = KINDS.Google.make(stack, providerPool);
      const l1 = google.node.defaultChild as cognito.CfnUserPoolIdentityProvider;
      return () => validateSamePool('addIdentityProvider: provider P', apiPool, l1, stack);
    }

    test('the same id is accepted', () => {
      expect(check('us-east-1_abcDEF123', 'us-east-1_abcDEF123')).not.toThrow();
    });

    test('fails when the ids differ', () => {
      expect(check('us-east-1_abcDEF123', 'us-east-1_zzzZZZ999')).toThrow(
        'addIdentityProvider: provider P is made on another user pool ("us-east-1_zzzZZZ999") than this API\'s '
        + '("us-east-1_abcDEF123"): make it with userPool: api.userPool',
      );
    });

    test('ids worked out at deploy time compare as they resolve', () => {
      const stack = newStack();
      const apiPool = cognito.UserPool.fromUserPoolArn(stack, 'ApiPool', Fn.importValue('PoolArn'));
      const providerOn = (id: string, exportName: string) => KINDS.Google.make(new Construct(stack, id),
        cognito.UserPool.fromUserPoolArn(stack, `${id}Pool`, Fn.importValue(exportName)))
        .node.defaultChild as cognito.CfnUserPoolIdentityProvider;

      expect(() => validateSamePool('w', apiPool, providerOn('Same', 'PoolArn'), stack)).not.toThrow();
      expect(() => validateSamePool('w', apiPool, providerOn('Other', 'OtherPoolArn'), stack)).toThrow(
        /^w is made on another user pool \(\{"Fn::Select":\[1,\{"Fn::Split":\["\/",\{"Fn::Select":\[5,\{"Fn::Split":\[":",\{"Fn::ImportValue":"OtherPoolArn"\}\]\}\]\}\]\}\]\}\) than this API's \(.*"PoolArn".*\): make it with userPool: api.userPool$/,
      );
    });

    test('the same parameter on both sides is accepted; different ones are refused', () => {
      const stack = newStack();
      const a = new CfnParameter(stack, 'PoolA').valueAsString;
      const b = new CfnParameter(stack, 'PoolB').valueAsString;
      const apiPool = cognito.UserPool.fromUserPoolId(stack, 'ApiPool', a);
      const providerOn = (id: string, poolId: string) => KINDS.Google.make(new Construct(stack, id),
        cognito.UserPool.fromUserPoolId(stack, `${id}Pool`, poolId)).node.defaultChild as cognito.CfnUserPoolIdentityProvider;

      expect(() => validateSamePool('w', apiPool, providerOn('OnA', a), stack)).not.toThrow();
      expect(() => validateSamePool('w', apiPool, providerOn('OnB', b), stack)).toThrow(
        'w is made on another user pool (TestStack/PoolB) than this API\'s (TestStack/PoolA): '
        + 'make it with userPool: api.userPool',
      );
    });
  });

  test.each([
    ['Google', 'client_secret', 'clientSecretValue: SecretValue.secretsManager(\'<secret name>\')',
      (stack: Stack, userPool: cognito.IUserPool, secret: string) => new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
        userPool, clientId: 'id', clientSecret: secret,
      })],
    ['SignInWithApple', 'private_key', 'privateKeyValue: SecretValue.secretsManager(\'<secret name>\')',
      (stack: Stack, userPool: cognito.IUserPool, secret: string) => new cognito.UserPoolIdentityProviderApple(stack, 'Apple', {
        userPool, clientId: 'id', teamId: 'team', keyId: 'key', privateKey: secret,
      })],
    ['Facebook', 'client_secret', 'clientSecret: SecretValue.secretsManager(\'<secret name>\').unsafeUnwrap() (the template then holds only a reference to the secret)',
      (stack: Stack, userPool: cognito.IUserPool, secret: string) => new cognito.UserPoolIdentityProviderFacebook(stack, 'Facebook', {
        userPool, clientId: 'id', clientSecret: secret,
      })],
    ['LoginWithAmazon', 'client_secret', 'clientSecret: SecretValue.secretsManager(\'<secret name>\').unsafeUnwrap() (the template then holds only a reference to the secret)',
      (stack: Stack, userPool: cognito.IUserPool, secret: string) => new cognito.UserPoolIdentityProviderAmazon(stack, 'Amazon', {
        userPool, clientId: 'id', clientSecret: secret,
      })],
    ['Corporate', 'client_secret', 'clientSecret: SecretValue.secretsManager(\'<secret name>\').unsafeUnwrap() (the template then holds only a reference to the secret)',
      (stack: Stack, userPool: cognito.IUserPool, secret: string) => new cognito.UserPoolIdentityProviderOidc(stack, 'Oidc', {
        userPool, name: 'Corporate', clientId: 'id', clientSecret: secret, issuerUrl: 'https://login.example.com',
      })],
  ])('fails when the %s provider\'s %s is plain text', (name, key, fix, make) => {
    // aws-cdk-lib warns that Apple's privateKey is deprecated; that is the point here
    jest.spyOn(console, 'warn').mockImplementationOnce(() => {});
    const { stack, api } = tutorialWithMethod();
    const secret = 'do-not-leak-this-0123456789';
    const provider = make(stack, api.userPool, secret);

    let message = '';
    try {
      api.addIdentityProvider(provider);
    } catch (e) {
      message = (e as Error).message;
    }

    expect(message).toBe(`addIdentityProvider: provider ${provider.node.path} (${JSON.stringify(name)}) has its `
      + `${key} as plain text (27 characters, not shown), which would be written into the template: keep it in `
      + `AWS Secrets Manager and pass ${fix}`);
    expect(message).not.toContain(secret);
  });

  test('fails when the secret is SecretValue.unsafePlainText: it lands in the template just the same', () => {
    const { stack, api } = tutorialWithMethod();
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool: api.userPool,
      clientId: 'id',
      clientSecretValue: SecretValue.unsafePlainText('plain-secret'),
    });

    expect(() => api.addIdentityProvider(google)).toThrow(
      'addIdentityProvider: provider TestStack/Google ("Google") has its client_secret as plain text '
      + '(12 characters, not shown), which would be written into the template: keep it in AWS Secrets Manager and '
      + 'pass clientSecretValue: SecretValue.secretsManager(\'<secret name>\')',
    );
  });

  test('fails when plain text is joined to a value known at deploy time', () => {
    const { stack, api } = tutorialWithMethod();
    const oidc = new cognito.UserPoolIdentityProviderOidc(stack, 'Oidc', {
      userPool: api.userPool,
      name: 'Corporate',
      clientId: 'id',
      issuerUrl: 'https://login.example.com',
      clientSecret: `${Aws.ACCOUNT_ID}-do-not-leak`,
    });
    let message = '';
    try {
      api.addIdentityProvider(oidc);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('addIdentityProvider: provider TestStack/Oidc ("Corporate") has plain text joined into its '
      + 'client_secret (12 characters, not shown), which would be written into the template: keep it in AWS Secrets '
      + 'Manager and pass clientSecret: SecretValue.secretsManager(\'<secret name>\').unsafeUnwrap() (the template then '
      + 'holds only a reference to the secret)');
    expect(message).not.toContain('do-not-leak');
  });

  test('fails when plain text is joined to a secret from Secrets Manager', () => {
    // (a literal one is joined at synth into one string, refused as plain text above; a token one stays a Fn::Join)
    const { stack, api } = tutorialWithMethod();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const facebook = new cognito.UserPoolIdentityProviderFacebook(stack, 'Facebook', {
      userPool: api.userPool,
      clientId: 'id',
      clientSecret: Fn.join('', ['pepper', SecretValue.secretsManager(secret.secretArn).unsafeUnwrap()]),
    });
    expect(() => api.addIdentityProvider(facebook)).toThrow(
      'addIdentityProvider: provider TestStack/Facebook ("Facebook") has plain text joined into its client_secret '
      + '(6 characters, not shown)');
  });

  test('a Secrets Manager secret named by a token (its reference is joined from parts) is accepted', () => {
    const { stack, api } = tutorialWithMethod();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const facebook = new cognito.UserPoolIdentityProviderFacebook(stack, 'Facebook', {
      userPool: api.userPool,
      clientId: 'id',
      clientSecret: SecretValue.secretsManager(secret.secretArn).unsafeUnwrap(),
    });
    api.addIdentityProvider(facebook);
    const details = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolIdentityProvider');
    expect(Object.values<any>(details)[0].Properties.ProviderDetails.client_secret['Fn::Join']).toBeDefined();
  });

  test('plainTextLength counts the text outside dynamic references and deploy-time values', () => {
    expect(plainTextLength('secret')).toBe(6);
    expect(plainTextLength('{{resolve:secretsmanager:s:SecretString:::}}')).toBe(0);
    expect(plainTextLength({ Ref: 'Param' })).toBe(0);
    expect(plainTextLength({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'S' }, ':SecretString:::}}']] })).toBe(0);
    expect(plainTextLength({ 'Fn::Join': ['-', [{ Ref: 'AWS::AccountId' }, 'abc']] })).toBe(4);
    expect(plainTextLength({ 'Fn::Join': ['', [{ 'Fn::Join': ['', ['ab', { Ref: 'X' }]] }, '{{resolve:ssm-secure:p}}']] })).toBe(2);
    expect(plainTextLength({ 'Fn::Sub': 'abc${AWS::AccountId}' })).toBe(3);
    expect(plainTextLength({ 'Fn::Sub': ['${Secret}', { Secret: { Ref: 'S' } }] })).toBe(0);
  });

  test.each(['constructor', 'toString', '__proto__'])('a provider of type %s gets the general advice, not a member of every object', (providerType) => {
    const stack = newStack();
    const l1 = new cognito.CfnUserPoolIdentityProvider(stack, 'Odd', {
      userPoolId: 'us-east-1_abcDEF123',
      providerName: 'Odd',
      providerType,
      providerDetails: { client_id: 'id', client_secret: 'plain-secret' },
    });

    expect(() => validateNoPlainSecret('w', l1)).toThrow(
      'w has its client_secret as plain text (12 characters, not shown), which would be written into the template: '
      + 'keep it in AWS Secrets Manager and pass clientSecret: SecretValue.secretsManager(\'<secret name>\').unsafeUnwrap() '
      + '(the template then holds only a reference to the secret)',
    );
  });

  test('a secret from a (NoEcho) parameter or SSM SecureString is accepted', () => {
    const { stack, api } = tutorialWithMethod();
    const param = new CfnParameter(stack, 'FacebookSecret', { noEcho: true });
    api.addIdentityProvider(new cognito.UserPoolIdentityProviderFacebook(stack, 'Facebook', {
      userPool: api.userPool,
      clientId: 'id',
      clientSecret: param.valueAsString,
      attributeMapping: { email: cognito.ProviderAttribute.FACEBOOK_EMAIL },
    }));
    api.addIdentityProvider(new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool: api.userPool,
      clientId: 'id',
      clientSecretValue: SecretValue.ssmSecure('/google/secret'),
      attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
    }));

    expect(webClient(stack).Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'Facebook', 'Google']);
  });
});

describe('no secret in any template', () => {
  test('every provider kind, made the supported way, leaves only Secrets Manager references', () => {
    const { stack, api } = tutorialWithMethod();
    Object.values(KINDS).forEach(({ make }) => api.addIdentityProvider(make(stack, api.userPool)));

    const template = Template.fromStack(stack).toJSON();

    const details = Object.values<any>(template.Resources)
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolIdentityProvider')
      .map((r) => r.Properties.ProviderDetails);
    // Google, Apple, Facebook, Amazon and OIDC have a secret; SAML has none
    expect(details.filter((d) => d.client_secret !== undefined || d.private_key !== undefined)).toHaveLength(5);
    expect(plainSecrets(template)).toEqual([]);
    expect(JSON.stringify(template)).not.toMatch(/"(client_secret|private_key)":"(?!\{\{resolve:secretsmanager:)/);
  });

  test('the search finds a plain secret when there is one (it can fail)', () => {
    const { stack, api } = tutorialWithMethod();
    // made beside the API, never added to it, so nothing refuses it
    new cognito.UserPoolIdentityProviderFacebook(stack, 'Plain', {
      userPool: api.userPool, clientId: 'id', clientSecret: 'plain-facebook-secret',
    });

    const template = Template.fromStack(stack).toJSON();

    expect(plainSecrets(template)).toEqual(['plain-facebook-secret']);
    expect(JSON.stringify(template)).toMatch(/"(client_secret|private_key)":"(?!\{\{resolve:secretsmanager:)/);
  });
});

describe('email mapping', () => {
  test('a provider whose attribute mapping gives no email brings a warning', () => {
    const { stack, api } = tutorialWithMethod();
    api.addIdentityProvider(KINDS.Google.make(stack, api.userPool, { fullname: cognito.ProviderAttribute.GOOGLE_NAME }));

    expect(emailWarnings(stack)).toEqual([
      'addIdentityProvider: provider TestStack/Google ("Google") maps no attribute to email: the user pool tells '
      + 'users apart by email, and users who sign in with this provider will have none; add attributeMapping: '
      + '{ email: ... } to the provider, e.g. ProviderAttribute.GOOGLE_EMAIL, or ProviderAttribute.other(\'<the '
      + 'claim or SAML attribute>\')',
    ]);
  });

  test('so does a provider without any attribute mapping', () => {
    const { stack, api } = tutorialWithMethod();
    api.addIdentityProvider(new cognito.UserPoolIdentityProviderSaml(stack, 'Saml', {
      userPool: api.userPool, name: 'EntraId', metadata: SAML_METADATA,
    }));

    expect(emailWarnings(stack)).toHaveLength(1);
    expect(emailWarnings(stack)[0]).toMatch(/^addIdentityProvider: provider TestStack\/Saml \("EntraId"\) maps no attribute to email/);
  });

  test('a provider that maps email brings none', () => {
    const { stack, api } = tutorialWithMethod();
    Object.values(KINDS).forEach(({ make }) => api.addIdentityProvider(make(stack, api.userPool)));

    expect(emailWarnings(stack)).toEqual([]);
  });
});

describe('secure defaults stay true with a Google, an OIDC and a SAML provider', () => {
  function addProviders(api: ProtectedApiWithCognito): void {
    const stack = Stack.of(api);
    for (const kind of ['Google', 'OIDC', 'SAML']) {
      api.addIdentityProvider(KINDS[kind].make(stack, api.userPool));
    }
  }

  test('cdk-nag AwsSolutions finds nothing unacknowledged', () => {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'NagStack', { env: { account: '123456789012', region: 'us-east-1' } });
    const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', TUTORIAL_PROPS);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    addProviders(api);

    const assembly = app.synth();

    expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
    expect(violations(assembly).filter((v) => v.plugin === 'AwsSolutions')).toEqual([]);
  });

  test('CDK\'s template validation finds nothing', () => {
    const stack = newStack({ templateValidation: true });
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    addProviders(api);

    const assembly = (stack.node.root as App).synth();

    expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
    expect(violations(assembly)).toEqual([]);
  });
});
