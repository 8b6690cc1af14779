import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addClaimsApi } from '../../../example/lambda/claims-api';

describe('the Lambda example', () => {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'ClaimsStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const { handler } = addClaimsApi(stack);
  const template = Template.fromStack(stack);
  const functionId = stack.getLogicalId(handler.node.defaultChild as any);

  test('GET /me is a Lambda proxy integration behind the Cognito authorizer, demanding its scope', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizationScopes: ['claims-api/profile.read'],
      Integration: {
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        Uri: {
          'Fn::Join': ['', Match.arrayWith([
            Match.stringLikeRegexp(':apigateway:us-east-1:lambda:path/2015-03-31/functions/$'),
            { 'Fn::GetAtt': [functionId, 'Arn'] },
            '/invocations',
          ])],
        },
      },
    });
  });

  test('API Gateway may invoke the function, and the function knows the allowed origins', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Environment: { Variables: { ALLOWED_ORIGINS: 'https://app.example.com' } },
    });
  });

  test('the preflight is still the construct\'s (OPTIONS /me, a mock without authorization)', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      AuthorizationType: 'NONE',
      Integration: Match.objectLike({ Type: 'MOCK' }),
    });
  });
});
