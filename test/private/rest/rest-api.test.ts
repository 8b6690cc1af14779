import { Annotations, App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../../../src';
import { TUTORIAL_PROPS } from '../../helpers';

const FLAG = '@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId';

/** The tutorial's API with two protected methods and a public one (or the public one alone). */
function build(flag: boolean, publicOnly: boolean) {
  const app = new App({ builtinCloudFormationValidation: false, context: { [FLAG]: flag } });
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', TUTORIAL_PROPS);
  if (!publicOnly) {
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    api.addMethod('POST', '/a', { scopes: ['awesomeapi.read'] });
  }
  api.addMethod('GET', '/open', { allowUnauthenticated: true });
  return { api, stack, template: Template.fromStack(stack) };
}

describe('the authorizer, bound to the API without aws-cdk-lib internals', () => {
  // The deployments' logical ids as 77601f1 made them, when it bound the authorizer with
  // aws-cdk-lib's internal _attachToApi: a new id would make a new deployment on update.
  test.each([
    [false, false, 'AwesomeApiDeploymentBCDA69EDe53fc47c6958761e0eb41d989e4cfe19'],
    [false, true, 'AwesomeApiDeploymentBCDA69ED04f40d87d7910e593fe77d44e56db174'],
    [true, false, 'AwesomeApiDeploymentBCDA69ED88723d0ada10fd817de4af9f8162fa8a'],
    [true, true, 'AwesomeApiDeploymentBCDA69ED1bb5ca86580f0d372c035f40307ea684'],
  ])('with %s for the flag (public methods only: %s), the deployment keeps its logical id %s', (flag, publicOnly, id) => {
    const { template } = build(flag, publicOnly);
    const deployments = template.findResources('AWS::ApiGateway::Deployment');
    expect(Object.keys(deployments)).toEqual([id]);
    expect(deployments[id].DependsOn.includes('AwesomeApiAuthorizer31128C80')).toBe(flag);
  });

  test('an API whose methods are all public still names the API in its authorizer', () => {
    const { template, stack, api } = build(false, true);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      RestApiId: { Ref: stack.getLogicalId(api.api.node.defaultChild as any) },
      Type: 'COGNITO_USER_POOLS',
    });
  });
});

describe('outputs', () => {
  test('the API\'s own URL output is left out; ApiUrl says the same', () => {
    const { api, template } = build(false, false);
    expect(api.api.node.children.filter((c) => c instanceof CfnOutput)).toEqual([]);
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).filter((k) => k.includes('Endpoint'))).toEqual([]);
    expect(Object.values(outputs).filter((o) => o.Description === 'The URL of the API stage')).toHaveLength(1);
  });
});

describe('the local callback URL warning', () => {
  const ID = 'cdk-cognito-protected-api:localCallbackUrl';

  function tutorial(props: Partial<ProtectedApiWithCognitoProps>, acknowledged: boolean) {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
    const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', { ...TUTORIAL_PROPS, ...props });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    if (acknowledged) {
      // As the README shows it next to the smallest example.
      Annotations.of(api).acknowledgeWarning(ID, 'A trial stack: only I sign in, from my machine');
    }
    return AssertAnnotations.fromStack(stack);
  }

  test('is on the construct in stage prod, and acknowledging it there removes it', () => {
    tutorial({}, false).hasWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp(
      `^callbackUrls holds "http://localhost:3000/dashboard" in stage "prod": .* \\[ack: ${ID}\\]$`));
    tutorial({}, true).hasNoWarning('*', Match.stringLikeRegexp('callbackUrls holds'));
  });

  test('is not there in a stage whose name has no "prod"', () => {
    tutorial({ stageName: 'dev' }, false).hasNoWarning('*', Match.stringLikeRegexp('callbackUrls holds'));
  });
});
