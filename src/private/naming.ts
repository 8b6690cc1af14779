import { Token } from 'aws-cdk-lib';

/** What Cognito accepts as a resource server's `Name`: word characters, white space and `+=,.@-`. */
const NAME_CHARACTER = /[\w\s+=,.@-]/;
const OTHER_CHARACTERS = /[^\w\s+=,.@-]+/g;

/**
 * The resource server's `Name`, derived from its identifier.
 *
 * Cognito's identifier takes any printable ASCII character but `"` and `\`, while its name takes
 * only `[\w\s+=,.@-]`, and aws-cdk-lib uses the identifier as the name unless told otherwise. An
 * identifier that is already a valid name is kept as it is (so existing stacks do not change);
 * otherwise each run of other characters becomes one `-`, e.g. `https://api.example.com` is named
 * `https-api.example.com`. The name is never longer than the identifier, so it stays within
 * 1-256 characters.
 *
 * @returns undefined for a token identifier: aws-cdk-lib then uses the identifier, as before
 */
export function resourceServerName(identifier: string): string | undefined {
  if (Token.isUnresolved(identifier)) {
    return undefined;
  }
  if (isValidResourceServerName(identifier)) {
    return identifier;
  }
  return identifier.replace(OTHER_CHARACTERS, '-');
}

/** Whether Cognito takes `name` as a resource server's name (1-256 characters of `[\w\s+=,.@-]`). */
export function isValidResourceServerName(name: string): boolean {
  return name.length >= 1 && name.length <= 256 && [...name].every((c) => NAME_CHARACTER.test(c));
}

/** A scope's name in access tokens and in a client's allowed scopes: `<resource server identifier>/<short name>`. */
export function fullScopeName(resourceServerIdentifier: string, name: string): string {
  return `${resourceServerIdentifier}/${name}`;
}
