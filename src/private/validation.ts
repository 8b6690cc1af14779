/**
 * The rules that input must follow, one small function a rule. Each throws an `Error` whose
 * message names the prop, shows the value, says the rule and what to do.
 */

/** `JSON.stringify` for messages: shows strings quoted and lists as lists. */
export function show(value: unknown): string {
  return JSON.stringify(value);
}

/** A method must demand a scope unless it is made public on purpose, and not both. */
export function validateMethodAccess(where: string, scopes: string[], allowUnauthenticated: boolean): void {
  if (allowUnauthenticated && scopes.length > 0) {
    throw new Error(`${where}: options.scopes ${show(scopes)} cannot be combined with options.allowUnauthenticated: `
      + 'a public method checks no token; drop one of the two');
  }
  if (!allowUnauthenticated && scopes.length === 0) {
    throw new Error(`${where}: no scopes given: name at least one of the API's scopes in options.scopes, `
      + 'or set options.allowUnauthenticated to true to make the method public');
  }
}
