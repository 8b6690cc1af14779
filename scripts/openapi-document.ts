/**
 * An `openApiDocument()` string as text, with what is known at synth filled in: the construct's
 * document resolves (through the stack) to a CloudFormation value, literal where synth knows it
 * and `Ref` / `Fn::GetAtt` where only the deploy does. Each deploy-time value is written in
 * CloudFormation's `Fn::Sub` syntax: `${LogicalId}`, `${LogicalId.Attribute}`, `${AWS::URLSuffix}`;
 * a literal `${` becomes `${!` (as `Fn::Sub` writes it). So the text is a `Fn::Sub` template, which
 * a tool with the deployed stack's ids (or the end-to-end test, with made-up ones) fills in.
 */
import { Stack } from 'aws-cdk-lib';

/** The text of `document` (an `openApiDocument()` string) in `stack`, deploy-time values as `${...}`. */
export function documentWithPlaceholders(stack: Stack, document: string): string {
  return placeholders(stack.resolve(document));
}

function placeholders(value: unknown): string {
  if (typeof value === 'string') {
    return value.split('${').join('${!');
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      if (fn === 'Ref' && typeof arg === 'string') {
        return `\${${arg}}`;
      }
      if (fn === 'Fn::GetAtt' && Array.isArray(arg) && arg.length === 2) {
        return `\${${arg[0]}.${arg[1]}}`;
      }
      if (fn === 'Fn::Join' && Array.isArray(arg) && arg[0] === '' && Array.isArray(arg[1])) {
        return (arg[1] as unknown[]).map(placeholders).join('');
      }
    }
  }
  throw new Error(`the OpenAPI document holds a value it cannot write as text: ${JSON.stringify(value)}`);
}

/**
 * Fills in a text of `documentWithPlaceholders`, as `Fn::Sub` would: `${Name}` and `${Name.Attribute}`
 * by `value(name)`, `${!` as `${`.
 */
export function fillPlaceholders(text: string, value: (name: string) => string): string {
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => (bang ? `\${${name}}` : value(name)));
}
