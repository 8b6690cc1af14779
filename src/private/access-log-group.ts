import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { encryptLogGroup } from './logging';

/*
 * The log group of a stage's access logs, whichever front's stage it is (REST, HTTP): named under
 * one prefix, which the REST front's account role may write to and the key policy of
 * `accessLogEncryptionKey` names.
 */

/** The prefix of the access log groups' names; the account role may write to these. */
export const ACCESS_LOG_GROUP_PREFIX = 'API-Gateway-Access-Logs_';

/** Options of the access log group. */
export interface AccessLogGroupOptions {
  /** The id of the API (a REST API's or an HTTP API's). */
  readonly apiId: string;
  /** The stage's name, as log group names allow it. */
  readonly stageName: string;
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly encryptionKey?: kms.IKey;
}

/**
 * The log group for a stage's access logs, `API-Gateway-Access-Logs_<api id>/<stage>`, so that
 * the REST account role (whichever stack set it) may write to it and the log key's policy covers it.
 */
export function accessLogGroup(scope: Construct, id: string, options: AccessLogGroupOptions): logs.LogGroup {
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: `${ACCESS_LOG_GROUP_PREFIX}${options.apiId}/${options.stageName}`,
    retention: options.retention,
    removalPolicy: options.removalPolicy,
  });
  encryptLogGroup(logGroup, options.encryptionKey, `${ACCESS_LOG_GROUP_PREFIX}*`);
  return logGroup;
}
