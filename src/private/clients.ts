import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { resourceServerName } from './naming';
import { Settings } from './settings';
import { AdoptedPool } from './user-pool';
import { show, validateMachineClientScopes, validateTokenValidity } from './validation';
import { MachineClientOptions } from '../options';

/*
 * The API's scopes on the pool and the app clients that obtain them: the resource server, the
 * public browser client, the machine clients, and which scopes each client can get.
 */

/** The API's resource server and its app clients. */
export class ApiClients {
  /** The resource server that defines the API's scopes. */
  public readonly resourceServer: cognito.UserPoolResourceServer;
  /** The public browser client for the authorization-code grant. */
  public readonly webClient: cognito.UserPoolClient;
  /** The scopes the browser client requests: `openid` and the full names of `clientScopes`. */
  public readonly requestedScopes: string[];

  private readonly userPool: cognito.IUserPool;
  private readonly identifier: string;
  private readonly scopeNames: string[];
  private readonly serverScopes: cognito.ResourceServerScope[];
  /** The short names of the scopes each app client can obtain, by client path. */
  private readonly scopesByClient = new Map<string, string[]>();
  /** Where machine clients live, made by the first one. */
  private machineClients?: Construct;

  /**
   * @param owner the construct that owns the machine clients
   * @param pool the pool, and where its resource server and browser client go
   */
  constructor(private readonly owner: Construct, pool: AdoptedPool, settings: Settings) {
    const { props } = settings;
    this.userPool = pool.userPool;
    this.identifier = props.resourceServerIdentifier;
    this.scopeNames = settings.scopeNames;
    this.serverScopes = props.scopes.map((s) => new cognito.ResourceServerScope({
      scopeName: s.name,
      scopeDescription: s.description,
    }));
    this.resourceServer = new cognito.UserPoolResourceServer(pool.childScope, 'ResourceServer', {
      userPool: this.userPool,
      identifier: props.resourceServerIdentifier,
      userPoolResourceServerName: resourceServerName(props.resourceServerIdentifier),
      scopes: this.serverScopes,
    });
    this.webClient = this.createWebClient(pool.childScope, settings);
    this.scopesByClient.set(this.webClient.node.path, settings.clientScopes);
    this.requestedScopes = ['openid', ...settings.clientScopes.map((name) => this.fullScopeName(name))];
    warnOfLocalCallbacks(owner, props.callbackUrls, settings.stageName);
  }

  /** A scope's name in tokens: `<resourceServerIdentifier>/<name>`. */
  public fullScopeName(name: string): string {
    return `${this.identifier}/${name}`;
  }

  /** The short names of the scopes that some app client can obtain. */
  public obtainableScopes(): Set<string> {
    return new Set(Array.from(this.scopesByClient.values()).flat());
  }

  /** See `ProtectedApiWithCognito.addMachineClient`. */
  public addMachineClient(id: string, options: MachineClientOptions): cognito.UserPoolClient {
    const where = `addMachineClient ${show(id)}`;
    validateMachineClientScopes(where, options.scopes, this.scopeNames);
    const accessTokenValidity = options.accessTokenValidity ?? Duration.minutes(60);
    validateTokenValidity(`${where}: accessTokenValidity`, accessTokenValidity);

    this.machineClients ??= new Construct(this.owner, 'MachineClients');
    const client = new cognito.UserPoolClient(this.machineClients, id, {
      userPool: this.userPool,
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true },
        scopes: this.oauthScopes(options.scopes),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    this.scopesByClient.set(client.node.path, options.scopes);
    return client;
  }

  /** The public browser client: authorization-code grant only, `openid` and its API scopes. */
  private createWebClient(parent: Construct, settings: Settings): cognito.UserPoolClient {
    return new cognito.UserPoolClient(parent, 'WebClient', {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: { userPassword: settings.props.allowUserPasswordAuth ?? false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, ...this.oauthScopes(settings.clientScopes)],
        callbackUrls: settings.props.callbackUrls,
        logoutUrls: settings.logoutUrls.length > 0 ? settings.logoutUrls : undefined,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: settings.accessTokenValidity,
      idTokenValidity: settings.idTokenValidity,
      refreshTokenValidity: settings.refreshTokenValidity,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
  }

  /** The resource server's scopes among `names`, as OAuth scopes (in the server's order). */
  private oauthScopes(names: string[]): cognito.OAuthScope[] {
    return this.serverScopes
      .filter((s) => names.includes(s.scopeName))
      .map((s) => cognito.OAuthScope.resourceServer(this.resourceServer, s));
  }
}

/**
 * A local callback URL in a stage that looks like production is worth a second look, but not an
 * error: the tutorial does exactly that.
 */
function warnOfLocalCallbacks(owner: Construct, callbackUrls: string[], stageName: string): void {
  if (Token.isUnresolved(callbackUrls) || Token.isUnresolved(stageName) || !/prod/i.test(stageName)) {
    return;
  }
  const local = callbackUrls.filter((url) => !Token.isUnresolved(url) && /^http:\/\/localhost([:/]|$)/.test(url));
  if (local.length > 0) {
    Annotations.of(owner).addWarningV2('cdk-cognito-protected-api:localCallbackUrl',
      `callbackUrls holds ${local.map((url) => show(url)).join(', ')} in stage ${show(stageName)}: `
      + 'remove local callback URLs before real users sign in, or use another stage name for development');
  }
}
