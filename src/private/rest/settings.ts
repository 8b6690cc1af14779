import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The REST front's props after every rule has been checked and every default applied, once,
 * with what it takes from the Cognito half's settings: what the REST API is built from. Nothing
 * else reads `RestApiFrontProps`.
 */
export interface RestSettings {
  readonly restApiName?: string;
  /** The origins CORS allows; empty for no CORS. */
  readonly corsOrigins: string[];
  readonly stageName: string;
  readonly webAclArn?: string;
  readonly accessLogRetention: logs.RetentionDays;
  readonly executionLoggingLevel: apigateway.MethodLoggingLevel;
  /** Whether the construct sets the account-level CloudWatch role. */
  readonly cloudWatchRole: boolean;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly clientCertificateId?: string;
  /** Whether the API's resources and methods go into nested stacks. */
  readonly methodsInNestedStacks: boolean;
  /** How many nested stacks hold each first segment's methods; 1 for a segment not in it. */
  readonly nestedStacksPerFirstSegment: ReadonlyMap<string, number>;

  // From the Cognito half's settings.
  /** The short names of the API's scopes. */
  readonly scopeNames: string[];
  /** The browser client's callback URLs. */
  readonly callbackUrls: string[];
  readonly removalPolicy: RemovalPolicy;
  readonly logEncryptionKey?: kms.IKey;
  readonly tracingEnabled: boolean;
}
