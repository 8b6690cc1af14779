import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The HTTP front's props after every rule has been checked and every default applied, once,
 * with what it takes from the Cognito half's settings: what the HTTP API is built from. Nothing
 * else reads `HttpApiFrontProps`.
 */
export interface HttpSettings {
  readonly apiName?: string;
  /** The origins CORS allows; empty for no CORS. */
  readonly corsOrigins: string[];
  readonly accessLogRetention: logs.RetentionDays;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;

  // From the Cognito half's settings.
  readonly removalPolicy: RemovalPolicy;
  readonly logEncryptionKey?: kms.IKey;
}
