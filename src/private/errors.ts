import { Token } from 'aws-cdk-lib';

/*
 * The one way the construct refuses input. Every rule is a small function beside the module
 * whose input it checks, and throws with `fail`. A message names the prop (or the call and its
 * argument), shows the value received with `show`, says the rule, and, after a colon, what to
 * do: `domainPrefix "My_Domain" is invalid: use 1-63 lowercase letters, ...`. A value that is a
 * token (only known at deploy time) is never checked.
 */

/** Shows a value in a message: strings quoted, long ones cut short. */
export function show(value: unknown): string {
  if (typeof value === 'string' && value.length > 80) {
    return `${JSON.stringify(value.slice(0, 60) + '...')} (${value.length} characters)`;
  }
  return JSON.stringify(value);
}

/** Refuses input: `message` follows the format above. */
export function fail(message: string): never {
  throw new Error(message);
}

/** A list whose whole value is a token, or an element that is one, is left to deploy time. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}
