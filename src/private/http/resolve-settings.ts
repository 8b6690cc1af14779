import * as logs from 'aws-cdk-lib/aws-logs';
import { HttpSettings } from './settings';
import { HttpApiFrontProps } from '../../http-api-front-props';
import { CognitoSettings } from '../auth/settings';
import { originsOf, validateCorsAllowOrigins, validateThrottling } from '../front-rules';

/**
 * Checks the HTTP front's props (throwing on the first broken rule) and fills in the defaults,
 * the same as the REST front's where the props are the same: the CORS origins default to those of
 * the Cognito half's callback URLs.
 */
export function resolveHttpSettings(props: HttpApiFrontProps, auth: CognitoSettings): HttpSettings {
  if (props.corsAllowOrigins) {
    validateCorsAllowOrigins(props.corsAllowOrigins);
  }
  const throttlingRateLimit = props.throttlingRateLimit ?? 100;
  const throttlingBurstLimit = props.throttlingBurstLimit ?? 200;
  validateThrottling(throttlingRateLimit, throttlingBurstLimit);
  return {
    apiName: props.apiName,
    corsOrigins: props.corsAllowOrigins ?? originsOf(auth.callbackUrls),
    accessLogRetention: props.accessLogRetention ?? logs.RetentionDays.ONE_YEAR,
    throttlingRateLimit,
    throttlingBurstLimit,
    removalPolicy: auth.removalPolicy,
    logEncryptionKey: auth.logEncryptionKey,
  };
}
