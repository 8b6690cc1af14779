import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { acknowledge } from '../../src/private/acknowledgements';

function construct() {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'S');
  return { stack };
}

afterEach(() => jest.restoreAllMocks());

test('records each rule with its reason on the construct', () => {
  const { stack } = construct();
  acknowledge(stack, ['COG2', 'IAM5[Resource::arn:x:*]'], 'because a prop says so');
  const recorded = stack.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((m) => m.data);
  expect(JSON.stringify(recorded)).toContain('AwsSolutions-COG2');
  expect(JSON.stringify(recorded)).toContain('AwsSolutions-IAM5[Resource::arn:x:*]');
  expect(JSON.stringify(recorded)).toContain('because a prop says so');
});

test('where aws-cdk-lib refuses a single finding\'s id, warns with the reason instead', () => {
  const { stack } = construct();
  const real = Validations.prototype.acknowledge;
  jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
    if (rules.some((r) => r.id.includes('::'))) {
      throw new Error('«InvalidValidationId» Invalid validation rule ID');
    }
    return real.apply(this, rules);
  });

  acknowledge(stack, ['COG2', 'IAM5[Resource::arn:x:*]'], 'because a prop says so');

  Annotations.fromStack(stack).hasWarning('/S', Match.stringLikeRegexp(
    "cdk-nag's AwsSolutions-IAM5\\[Resource::arn:x:\\*\\] is deliberate, but this aws-cdk-lib cannot acknowledge single findings \\(2\\.270\\.0 can\\): because a prop says so",
  ));
  expect(JSON.stringify(stack.node.metadata.map((m) => m.data))).toContain('AwsSolutions-COG2');
});

test('other errors are not swallowed', () => {
  const { stack } = construct();
  jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => {
    throw new Error('something else');
  });
  expect(() => acknowledge(stack, ['IAM5[Resource::arn:x:*]'], 'r')).toThrow('something else');
  expect(() => acknowledge(stack, ['COG2'], 'r')).toThrow('something else');
});
