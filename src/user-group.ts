/**
 * A Cognito user group whose members may obtain some of the API's scopes.
 *
 * A scope that some group lists is restricted: a user's access token carries it only when the
 * user belongs to a group that lists it. A scope that no group lists goes to every signed-in
 * user.
 */
export interface ApiUserGroup {
  /**
   * The group's name in the user pool, e.g. `admins`: 1-128 letters, marks, symbols, digits
   * or punctuation, without spaces. Access and ID tokens name a user's groups in the
   * `cognito:groups` claim.
   */
  readonly name: string;

  /**
   * The short names of the scopes that members get, from the `scopes` prop, e.g.
   * `['orders.admin']`. Each must be one the browser client requests (see `clientScopes`).
   */
  readonly scopes: string[];

  /**
   * What the group is for, shown to administrators in the Cognito console.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Which group's IAM role wins when a user is in several groups with roles: the lowest
   * number. Scopes do not depend on it: a member of several groups gets the scopes of all.
   *
   * @default - no precedence
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
   */
  readonly precedence?: number;
}
