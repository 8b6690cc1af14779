/**
 * One custom OAuth 2.0 scope of the API's resource server.
 *
 * Access tokens carry it as `<resourceServerIdentifier>/<name>`; methods of the API
 * name it by `name` alone.
 */
export interface ApiScope {
  /**
   * The scope's short name, e.g. `awesomeapi.read`.
   */
  readonly name: string;

  /**
   * What the scope allows, shown to administrators in the Cognito console.
   */
  readonly description: string;
}
