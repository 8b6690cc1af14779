/*
 * Cognito's pre token generation trigger (event version 2) for `userGroups`: it takes the
 * restricted scopes that the user's groups do not grant out of the access token.
 *
 * - A scope that some group lists is restricted; the user keeps it only as a member of such a
 *   group. Every other scope is left alone, and nothing is ever added.
 * - The restricted scopes, in full (`<resource server identifier>/<scope name>`), by group, come
 *   from the function's environment as JSON; the function calls nothing and needs no package.
 * - It fails closed: anything it does not understand throws, and Cognito then refuses to issue
 *   tokens. A missing group list counts as no group.
 * - It logs nothing: the event holds the user's attributes, and error messages name only fields.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */

/** The environment variable that holds the restricted scopes by group, as a JSON object. */
export const SCOPES_BY_GROUP_VARIABLE = 'RESTRICTED_SCOPES_BY_GROUP';

/** The parts of Cognito's version 2 event that this trigger reads and writes. */
export interface PreTokenGenerationEvent {
  readonly version: string;
  readonly triggerSource: string;
  readonly request: {
    readonly groupConfiguration?: {
      readonly groupsToOverride?: string[];
    };
    /** The scopes Cognito is about to put in the access token. */
    readonly scopes?: string[];
  };
  readonly response: {
    readonly claimsAndScopeOverrideDetails?: {
      readonly accessTokenGeneration?: {
        readonly scopesToSuppress?: string[];
      };
    } | null;
  };
}

/** Restricted scopes (full names) by group name. */
type ScopesByGroup = Map<string, string[]>;

function refuse(reason: string): never {
  throw new Error(`pre token generation refused: ${reason}`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Reads and checks the group-to-scopes map the construct wrote into the environment. */
export function readScopesByGroup(json: string | undefined): ScopesByGroup {
  if (json === undefined || json === '') {
    return refuse(`${SCOPES_BY_GROUP_VARIABLE} is not set`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return refuse(`${SCOPES_BY_GROUP_VARIABLE} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(`${SCOPES_BY_GROUP_VARIABLE} is not a JSON object`);
  }
  const map: ScopesByGroup = new Map();
  for (const [group, scopes] of Object.entries(parsed)) {
    if (!isStringArray(scopes) || scopes.length === 0 || scopes.some((scope) => !/^\S+\/[^/\s]+$/.test(scope))) {
      return refuse(`${SCOPES_BY_GROUP_VARIABLE} maps a group to something other than a list of full scope names`);
    }
    map.set(group, scopes);
  }
  if (map.size === 0) {
    return refuse(`${SCOPES_BY_GROUP_VARIABLE} names no group`);
  }
  return map;
}

/** The user's groups, as Cognito will write them into the tokens' `cognito:groups` claim. */
function groupsOf(request: Record<string, unknown>): string[] {
  const config = request.groupConfiguration;
  if (config === undefined || config === null) {
    return [];
  }
  if (typeof config !== 'object') {
    return refuse('request.groupConfiguration is not an object');
  }
  const groups = (config as Record<string, unknown>).groupsToOverride;
  if (groups === undefined || groups === null) {
    return [];
  }
  if (!isStringArray(groups)) {
    return refuse('request.groupConfiguration.groupsToOverride is not a list of group names');
  }
  return groups;
}

/** The scopes Cognito is about to issue, or undefined when the event does not say. */
function requestedScopesOf(request: Record<string, unknown>): string[] | undefined {
  const scopes = request.scopes;
  if (scopes === undefined || scopes === null) {
    return undefined;
  }
  if (!isStringArray(scopes)) {
    return refuse('request.scopes is not a list of scopes');
  }
  return scopes;
}

/**
 * The restricted scopes to take out of the access token: every restricted scope that none of
 * `groups` grants, among those requested (all of them when the request names none).
 */
export function scopesToSuppress(scopesByGroup: ScopesByGroup, groups: string[], requested?: string[]): string[] {
  const granted = new Set(groups.flatMap((group) => scopesByGroup.get(group) ?? []));
  const restricted = new Set(Array.from(scopesByGroup.values()).flat());
  const candidates = requested ?? Array.from(restricted).sort();
  return Array.from(new Set(candidates.filter((scope) => restricted.has(scope) && !granted.has(scope))));
}

/** The Lambda entry point. */
export async function handler(event: PreTokenGenerationEvent): Promise<PreTokenGenerationEvent> {
  const scopesByGroup = readScopesByGroup(process.env[SCOPES_BY_GROUP_VARIABLE]);
  if (typeof event !== 'object' || event === null) {
    return refuse('the event is not an object');
  }
  if (event.version !== '2') {
    return refuse('the event is not version 2; attach this function with LambdaVersion.V2_0');
  }
  if (typeof event.triggerSource !== 'string' || !event.triggerSource.startsWith('TokenGeneration_')) {
    return refuse('the event is not a pre token generation event');
  }
  const request: unknown = event.request;
  if (typeof request !== 'object' || request === null) {
    return refuse('the event has no request');
  }
  const groups = groupsOf(request as Record<string, unknown>);
  const requested = requestedScopesOf(request as Record<string, unknown>);
  return {
    ...event,
    response: {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          scopesToSuppress: scopesToSuppress(scopesByGroup, groups, requested),
        },
      },
    },
  };
}
