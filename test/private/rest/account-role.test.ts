import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ProtectedApiWithCognito } from '../../../src';
import { accountRoleFor } from '../../../src/private/rest/account-role';
import { TUTORIAL_PROPS, newStack } from '../../helpers';

/** The modules the library takes from its peers: one copy of each, shared by both copies of the library. */
const PEERS = ['aws-cdk-lib', 'aws-cdk-lib/aws-apigateway', 'aws-cdk-lib/aws-certificatemanager', 'aws-cdk-lib/aws-cognito',
  'aws-cdk-lib/aws-iam', 'aws-cdk-lib/aws-kms', 'aws-cdk-lib/aws-lambda', 'aws-cdk-lib/aws-logs', 'aws-cdk-lib/aws-wafv2',
  'constructs'];

/** A second copy of the library's code (as a monorepo with two versions of it has), on the same aws-cdk-lib. */
function secondCopy(): typeof ProtectedApiWithCognito {
  let other: typeof ProtectedApiWithCognito | undefined;
  jest.isolateModules(() => {
    for (const name of PEERS) {
      const shared = jest.requireActual(name);
      jest.doMock(name, () => shared);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    other = require('../../../src').ProtectedApiWithCognito;
  });
  return other!;
}

describe('accountRoleFor', () => {
  test('makes the role at <scope>/<id> once a stack and finds it for the next API', () => {
    const stack = newStack();
    const first = accountRoleFor(stack, 'CloudWatchRole');
    const again = accountRoleFor(stack, 'Other');
    expect(again.role).toBe(first.role);
    expect(again.account).toBe(first.account);
    expect(first.role.node.path).toBe('TestStack/CloudWatchRole/Role');
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  test('two stacks get one role each', () => {
    const stack = newStack();
    const other = new Stack(stack.node.scope as any, 'Other');
    expect(accountRoleFor(other, 'CloudWatchRole').role).not.toBe(accountRoleFor(stack, 'CloudWatchRole').role);
  });

  test('two copies of the library in one stack share one AWS::ApiGateway::Account', () => {
    const Other = secondCopy();
    expect(Other).not.toBe(ProtectedApiWithCognito);
    const stack = newStack();
    const first = new ProtectedApiWithCognito(stack, 'First', { ...TUTORIAL_PROPS, domainPrefix: 'first-prefix' });
    const second = new Other(stack, 'Second', { ...TUTORIAL_PROPS, domainPrefix: 'second-prefix' });
    first.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    second.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 2);
    expect(second.cloudWatchRole).toBe(first.cloudWatchRole);
    expect(first.cloudWatchRole).toBeDefined();
    expect(first.cloudWatchRole!.node.path).toBe('TestStack/First/CloudWatchRole/Role');
    const account = Object.keys(template.findResources('AWS::ApiGateway::Account'))[0];
    const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(stages.map((s) => s.DependsOn)).toEqual([[account], [account]]);
    expect(iam.Role.isRole(second.cloudWatchRole)).toBe(true);
  });
});
