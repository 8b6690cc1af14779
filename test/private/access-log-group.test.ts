import { RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ACCESS_LOG_GROUP_PREFIX, accessLogGroup } from '../../src/private/access-log-group';
import { newStack } from '../helpers';

test('accessLogGroup names the group under the prefix the account role may write to, with its retention and policy', () => {
  const stack = newStack();
  accessLogGroup(stack, 'Logs', {
    apiId: 'abc123', stageName: 'prod', retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY,
  });
  expect(ACCESS_LOG_GROUP_PREFIX).toBe('API-Gateway-Access-Logs_');
  Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
    Properties: { LogGroupName: 'API-Gateway-Access-Logs_abc123/prod', RetentionInDays: 30 },
    DeletionPolicy: 'Delete',
  });
});
