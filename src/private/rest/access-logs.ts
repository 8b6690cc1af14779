import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { encryptLogGroup } from '../logging';

/*
 * The stage's access logs: their format, and their log group, named under the prefix that the
 * account role may write to.
 */

/**
 * The access log format: API Gateway's standard fields plus who called and what the
 * authorizer said, as one JSON object a line.
 */
export function accessLogFormat(): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify({
    requestId: '$context.requestId',
    extendedRequestId: '$context.extendedRequestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    resourcePath: '$context.resourcePath',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    subject: '$context.authorizer.claims.sub',
    clientId: '$context.authorizer.claims.client_id',
    authorizerError: '$context.authorizer.error',
    errorMessage: '$context.error.message',
    errorType: '$context.error.responseType',
    wafStatus: '$context.waf.status',
  }));
}

/** The prefix of the access log groups' names; the account role may write to these. */
export const ACCESS_LOG_GROUP_PREFIX = 'API-Gateway-Access-Logs_';

/** Options of the access log group. */
interface AccessLogGroupOptions {
  readonly restApiId: string;
  readonly stageName: string;
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly encryptionKey?: kms.IKey;
}

/**
 * The log group for the stage's access logs, named under a prefix that the account role
 * (whichever stack set it) may write to.
 */
export function accessLogGroup(scope: Construct, id: string, options: AccessLogGroupOptions): logs.LogGroup {
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: `${ACCESS_LOG_GROUP_PREFIX}${options.restApiId}/${options.stageName}`,
    retention: options.retention,
    removalPolicy: options.removalPolicy,
  });
  encryptLogGroup(logGroup, options.encryptionKey, `${ACCESS_LOG_GROUP_PREFIX}*`);
  return logGroup;
}
