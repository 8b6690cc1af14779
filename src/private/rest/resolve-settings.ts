import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { validateNestedStacksPerFirstSegment } from './nested-methods';
import { validateStageName, validateWebAclArn } from './rest-api';
import { RestSettings } from './settings';
import { RestApiFrontProps } from '../../rest-api-front-props';
import { CognitoSettings } from '../auth/settings';
import { originsOf, validateCorsAllowOrigins, validateThrottling } from '../front-rules';

/**
 * Checks the REST front's props (throwing on the first broken rule) and fills in the defaults;
 * the CORS origins default to those of the Cognito half's callback URLs.
 */
export function resolveRestSettings(props: RestApiFrontProps, auth: CognitoSettings): RestSettings {
  if (props.corsAllowOrigins) {
    validateCorsAllowOrigins(props.corsAllowOrigins);
  }
  const stageName = props.stageName ?? 'prod';
  validateStageName(stageName);
  const throttlingRateLimit = props.throttlingRateLimit ?? 100;
  const throttlingBurstLimit = props.throttlingBurstLimit ?? 200;
  validateThrottling(throttlingRateLimit, throttlingBurstLimit);
  if (props.webAclArn !== undefined) {
    validateWebAclArn(props.webAclArn);
  }
  const methodsInNestedStacks = props.methodsInNestedStacks ?? false;
  const nestedStacksPerFirstSegment = validateNestedStacksPerFirstSegment(props.nestedStacksPerFirstSegment ?? {}, methodsInNestedStacks);
  return {
    restApiName: props.restApiName,
    corsOrigins: props.corsAllowOrigins ?? originsOf(auth.callbackUrls),
    stageName,
    webAclArn: props.webAclArn,
    accessLogRetention: props.accessLogRetention ?? logs.RetentionDays.ONE_YEAR,
    executionLoggingLevel: props.executionLoggingLevel ?? apigateway.MethodLoggingLevel.ERROR,
    cloudWatchRole: props.cloudWatchRole ?? true,
    throttlingRateLimit,
    throttlingBurstLimit,
    clientCertificateId: props.clientCertificateId,
    methodsInNestedStacks,
    nestedStacksPerFirstSegment,
    scopeNames: auth.scopeNames,
    callbackUrls: auth.callbackUrls,
    removalPolicy: auth.removalPolicy,
    logEncryptionKey: auth.logEncryptionKey,
    tracingEnabled: auth.tracingEnabled,
  };
}
