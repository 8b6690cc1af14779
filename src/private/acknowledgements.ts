import { Annotations, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/*
 * The cdk-nag findings the construct's defaults leave on purpose, each acknowledged on the
 * construct's own resource with why, and with the prop that changes it. Nothing is
 * acknowledged on the user's stack or app.
 */

export const REASONS = {
  featurePlan: 'The user pool is on the ESSENTIALS feature plan by default, which keeps the price per monthly '
    + 'active user low; threat protection needs PLUS. Set featurePlan: FeaturePlan.PLUS to turn it on.',
  mfa: 'MFA is optional by default (users may add an authenticator app) so that self sign-up works without a '
    + 'second factor. Set mfa: Mfa.REQUIRED to demand it.',
  waf: 'No AWS WAF web ACL is created by default: it is priced per ACL and per request, and its rules depend on '
    + 'the application. Pass webAclArn to associate one with the stage.',
  logsPolicy: 'The account-level role serves every REST API in the account and region, and API Gateway names '
    + 'execution log groups at run time (API-Gateway-Execution-Logs_<api id>/<stage>), so the policy names the '
    + 'execution and access log prefixes with a wildcard; it grants no other log group. DescribeLogGroups has no '
    + 'narrower resource. Set cloudWatchRole: false to keep or manage the account-level role yourself.',
  publicMethod: 'This method is public by choice: it was added with allowUnauthenticated: true.',
};

/**
 * Acknowledges cdk-nag AwsSolutions rules on one construct, with the same reason.
 *
 * A single finding's id (`IAM5[Resource::...]`) holds `::`, which aws-cdk-lib before 2.270.0
 * refuses (`InvalidValidationId`). There the finding stays, and a warning says why it is there
 * and that a newer aws-cdk-lib lets the construct acknowledge it.
 */
export function acknowledge(construct: IConstruct, ruleIds: string[], reason: string): void {
  for (const ruleId of ruleIds) {
    const id = `AwsSolutions-${ruleId}`;
    try {
      Validations.of(construct).acknowledge({ id, reason });
    } catch (error) {
      if (!ruleId.includes('::') || !String(error).includes('InvalidValidationId')) {
        throw error;
      }
      Annotations.of(construct).addWarningV2('cdk-cognito-protected-api:cannotAcknowledge',
        `cdk-nag's ${id} is deliberate, but this aws-cdk-lib cannot acknowledge single findings (2.270.0 can): ${reason}`);
    }
  }
}
