import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ApiClients } from './clients';
import { AdoptedDomain, adoptOrAddDomain, brandManagedLogin, warnOfSharedPrefix } from './domain';
import { IdentityProviders } from './identity-providers';
import { LoginUrls, addMachineClientOutput, issuerUrl, loginUrls, webClientConfig } from './outputs';
import { CognitoSettings } from './settings';
import { warnPasswordlessWithRequiredMfa } from './sign-in-policy';
import { authorizeEndpoint } from './urls';
import { addUserGroups } from './user-groups';
import { AdoptedPool, adoptOrCreatePool, refuseDuplicateResourceServer } from './user-pool';
import { MachineClientOptions } from '../../options';
import { ApiScope } from '../../scope';

/*
 * The Cognito half of a protected API, which every front (REST, HTTP) builds on and which knows
 * nothing of API Gateway: the pool and its domain, the resource server and the scopes each
 * client can obtain, the browser and machine clients, the identity providers, the user groups
 * and their trigger, and what a browser needs to sign in.
 */
export class CognitoAuth {
  /** The pool whose tokens the API accepts. */
  public readonly userPool: cognito.IUserPool;
  public readonly resourceServer: cognito.UserPoolResourceServer;
  /** The public browser client for the authorization-code grant. */
  public readonly webClient: cognito.UserPoolClient;
  public readonly domain: AdoptedDomain;
  /** Undefined with the classic hosted UI. */
  public readonly managedLoginBranding?: cognito.CfnManagedLoginBranding;
  public readonly userPoolGroups: cognito.UserPoolGroup[];
  /** Undefined without user groups. */
  public readonly preTokenGenerationFunction?: lambda.Function;
  /** The issuer of the pool's tokens (`iss`). */
  public readonly issuerUrl: string;
  /** The browser client's authorize, token and sign-out URLs. */
  public readonly urls: LoginUrls;
  /** The login domain's authorize endpoint, without a query. */
  public readonly authorizeEndpoint: string;
  /** The scopes the browser client requests: `openid` and the full names of `clientScopes`. */
  public readonly requestedScopes: readonly string[];

  private readonly pool: AdoptedPool;
  private readonly clients: ApiClients;
  private readonly identityProviders: IdentityProviders;

  /** Makes the half's resources as children of `owner` (and of the pool it creates). */
  constructor(private readonly owner: Construct, private readonly settings: CognitoSettings) {
    // The user pool, the API's scopes on it and its clients.
    this.pool = adoptOrCreatePool(owner, settings);
    this.userPool = this.pool.userPool;
    warnPasswordlessWithRequiredMfa(owner, settings);
    if (!this.pool.createdPool) {
      refuseDuplicateResourceServer(owner, this.userPool, settings.resourceServerIdentifier);
    }
    this.clients = new ApiClients(owner, this.pool, settings);
    this.resourceServer = this.clients.resourceServer;
    this.webClient = this.clients.webClient;
    this.identityProviders = new IdentityProviders(owner, {
      userPool: this.userPool,
      client: this.webClient,
      userPoolSignIn: settings.userPoolSignIn,
      allowUserPasswordAuth: settings.allowUserPasswordAuth,
    });

    // Who gets which scope.
    const userGroups = addUserGroups(owner, {
      userPool: this.userPool,
      groups: settings.userGroups,
      resourceServerIdentifier: settings.resourceServerIdentifier,
      removalPolicy: settings.removalPolicy,
      logEncryptionKey: settings.logEncryptionKey,
      tracingEnabled: settings.tracingEnabled,
    });
    this.userPoolGroups = userGroups.groups;
    this.preTokenGenerationFunction = userGroups.trigger;

    // The login pages.
    this.domain = adoptOrAddDomain(this.pool, settings);
    warnOfSharedPrefix(owner, this.domain);
    this.managedLoginBranding = brandManagedLogin(owner, this.domain, this.userPool, this.webClient);
    this.issuerUrl = issuerUrl(owner, this.userPool);
    this.urls = loginUrls(owner, {
      baseUrl: this.domain.baseUrl,
      clientId: this.webClient.userPoolClientId,
      scopes: this.clients.requestedScopes,
      callbackUrls: settings.callbackUrls,
      logoutUrls: settings.logoutUrls,
    });
    this.authorizeEndpoint = authorizeEndpoint(this.domain.baseUrl);
    this.requestedScopes = this.clients.requestedScopes;
  }

  /** The API's scopes, with their descriptions, in order. */
  public get scopes(): readonly ApiScope[] {
    return this.settings.scopes;
  }

  /** The short names of the scopes some machine client can obtain (ask once the app is complete). */
  public machineClientScopes(): string[] {
    return this.clients.machineClientScopes();
  }

  /** A scope's name in tokens, from its short name: `<resourceServerIdentifier>/<name>`. */
  public fullScopeName(name: string): string {
    return this.clients.fullScopeName(name);
  }

  /** The short names of the scopes that some app client can obtain (ask once the app is complete). */
  public obtainableScopes(): Set<string> {
    return this.clients.obtainableScopes();
  }

  /** The short names of the scopes each app client can obtain, the browser client first. */
  public scopesOfClients(): ReadonlyMap<cognito.UserPoolClient, readonly string[]> {
    return this.clients.scopesOfClients();
  }

  /** Every app client's id, resolved at synth, so that machine clients added later count. */
  public clientIds(): string[] {
    return this.clients.clientIds();
  }

  /** The browser client's settings as JSON, for a client of the API at `apiUrl`. */
  public webClientConfig(apiUrl: string): string {
    return webClientConfig(this.owner, {
      ...this.urls,
      issuer: this.issuerUrl,
      baseUrl: this.domain.baseUrl,
      clientId: this.webClient.userPoolClientId,
      scopes: this.clients.requestedScopes,
      callbackUrls: this.settings.callbackUrls,
      logoutUrls: this.settings.logoutUrls,
      apiUrl,
      identityProviders: this.identityProviders.namesList(),
    });
  }

  /** See `ProtectedApiWithCognito.addMachineClient`. */
  public addMachineClient(id: string, options: MachineClientOptions): cognito.UserPoolClient {
    const client = this.clients.addMachineClient(id, options);
    addMachineClientOutput(client, id);
    return client;
  }

  /** See `ProtectedApiWithCognito.addIdentityProvider`. */
  public addIdentityProvider(provider: cognito.IUserPoolIdentityProvider): void {
    this.identityProviders.add(provider);
  }

  /** See `ProtectedApiWithCognito.authorizeUrlFor`. */
  public authorizeUrlFor(provider: cognito.IUserPoolIdentityProvider): string {
    return this.identityProviders.authorizeUrlFor(this.urls.authorizeUrl, provider);
  }
}
