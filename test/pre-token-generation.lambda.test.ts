import * as fc from 'fast-check';
import { handler, PreTokenGenerationEvent, SCOPES_BY_GROUP_VARIABLE } from '../src/pre-token-generation.lambda';

// The event shape Cognito documents for the pre token generation trigger, event version 2:
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html

const SERVER = 'awesomeapi-resource-server';
const READ = `${SERVER}/orders.read`;
const WRITE = `${SERVER}/orders.write`;
const ADMIN = `${SERVER}/orders.admin`;

/** What the construct writes for `admins: [orders.admin]` and `writers: [orders.write, orders.admin]`. */
const SCOPES_BY_GROUP = JSON.stringify({ admins: [ADMIN], writers: [WRITE, ADMIN] });

type TriggerSource = 'TokenGeneration_HostedAuth' | 'TokenGeneration_RefreshTokens';

/** A version 2 event as Cognito sends it for a user of `groups` whose client requested `scopes`. */
function cognitoEvent(triggerSource: TriggerSource, groups: string[], scopes = ['openid', READ, WRITE, ADMIN]): any {
  return {
    version: '2',
    triggerSource,
    region: 'us-east-1',
    userPoolId: 'us-east-1_EXAMPLE',
    userName: '6d2f1c3a-90f1-4a4b-9f0e-3c2b1a0f9e8d',
    callerContext: {
      awsSdkVersion: 'aws-sdk-unknown-unknown',
      clientId: '1example23456789',
    },
    request: {
      userAttributes: {
        'sub': '6d2f1c3a-90f1-4a4b-9f0e-3c2b1a0f9e8d',
        'cognito:user_status': 'CONFIRMED',
        'email_verified': 'true',
        'email': 'jane@example.com',
      },
      groupConfiguration: {
        groupsToOverride: groups,
        iamRolesToOverride: [],
        preferredRole: null,
      },
      scopes,
    },
    response: {
      claimsAndScopeOverrideDetails: null,
    },
  };
}

/** The scopes the access token ends up with: the requested ones less the suppressed ones. */
function tokenScopes(event: PreTokenGenerationEvent, result: PreTokenGenerationEvent): string[] {
  const suppressed = result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToSuppress ?? [];
  return (event.request.scopes ?? []).filter((scope) => !suppressed.includes(scope));
}

async function run(event: any): Promise<PreTokenGenerationEvent> {
  return handler(event);
}

beforeEach(() => {
  process.env[SCOPES_BY_GROUP_VARIABLE] = SCOPES_BY_GROUP;
});

afterEach(() => {
  delete process.env[SCOPES_BY_GROUP_VARIABLE];
  jest.restoreAllMocks();
});

describe.each<TriggerSource>(['TokenGeneration_HostedAuth', 'TokenGeneration_RefreshTokens'])('on %s', (source) => {
  test('a member keeps the restricted scope', async () => {
    const event = cognitoEvent(source, ['admins']);
    const result = await run(event);
    expect(tokenScopes(event, result)).toEqual(['openid', READ, ADMIN]);
  });

  test('a non-member loses it', async () => {
    const event = cognitoEvent(source, []);
    const result = await run(event);
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToSuppress).toEqual([WRITE, ADMIN]);
    expect(tokenScopes(event, result)).toEqual(['openid', READ]);
  });

  test('a user in two groups gets the union of their scopes', async () => {
    const admins = cognitoEvent(source, ['admins']);
    const both = cognitoEvent(source, ['admins', 'writers']);
    expect(tokenScopes(admins, await run(admins))).toEqual(['openid', READ, ADMIN]);
    expect(tokenScopes(both, await run(both))).toEqual(['openid', READ, WRITE, ADMIN]);
  });

  test('groups the map does not know change nothing', async () => {
    const none = cognitoEvent(source, []);
    const unknown = cognitoEvent(source, ['auditors', 'Admins', 'admins ']);
    expect(await run(unknown)).toEqual({ ...unknown, response: (await run(none)).response });
    const adminAndUnknown = cognitoEvent(source, ['auditors', 'admins']);
    expect(tokenScopes(adminAndUnknown, await run(adminAndUnknown))).toEqual(['openid', READ, ADMIN]);
  });

  test('unrestricted scopes always stay', async () => {
    for (const groups of [[], ['admins'], ['writers'], ['admins', 'writers'], ['auditors']]) {
      const event = cognitoEvent(source, groups);
      expect(tokenScopes(event, await run(event))).toEqual(expect.arrayContaining(['openid', READ]));
    }
  });

  test('nothing is ever added: only scopesToSuppress, and only requested scopes in it', async () => {
    for (const groups of [[], ['admins'], ['writers', 'auditors']]) {
      for (const scopes of [['openid', READ], ['openid', READ, ADMIN], ['openid', WRITE]]) {
        const event = cognitoEvent(source, groups, scopes);
        const result = await run(event);
        expect(result.response).toEqual({
          claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToSuppress: expect.any(Array) } },
        });
        const suppressed = result.response.claimsAndScopeOverrideDetails!.accessTokenGeneration!.scopesToSuppress!;
        expect(scopes).toEqual(expect.arrayContaining(suppressed));
      }
    }
  });

  test('leaves the rest of the event as Cognito sent it', async () => {
    const event = cognitoEvent(source, ['admins']);
    const copy = JSON.parse(JSON.stringify(event));
    const result = await run(event);
    expect(event).toEqual(copy);
    expect({ ...result, response: copy.response }).toEqual(copy);
  });
});

describe('when the event lacks a part', () => {
  test('no group configuration counts as no group', async () => {
    const event = cognitoEvent('TokenGeneration_HostedAuth', []);
    delete event.request.groupConfiguration;
    expect(tokenScopes(event, await run(event))).toEqual(['openid', READ]);
  });

  test.each([
    ['null', null],
    ['without groupsToOverride', {}],
    ['with groupsToOverride null', { groupsToOverride: null }],
  ])('a group configuration %s counts as no group', async (_name, groupConfiguration) => {
    const event = cognitoEvent('TokenGeneration_HostedAuth', []);
    event.request.groupConfiguration = groupConfiguration;
    expect(tokenScopes(event, await run(event))).toEqual(['openid', READ]);
  });

  test('a scope list that is null counts as none', async () => {
    const event = cognitoEvent('TokenGeneration_HostedAuth', ['admins']);
    event.request.scopes = null;
    const result = await run(event);
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToSuppress).toEqual([WRITE]);
  });

  test('without a scope list, the restricted scopes are suppressed in sorted order, whatever the map\'s order', async () => {
    process.env[SCOPES_BY_GROUP_VARIABLE] = JSON.stringify({ writers: [WRITE], admins: [ADMIN], readers: [READ] });
    const event = cognitoEvent('TokenGeneration_HostedAuth', []);
    delete event.request.scopes;
    const result = await run(event);
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToSuppress).toEqual([ADMIN, READ, WRITE]);
  });

  test('no scope list suppresses every restricted scope the user\'s groups do not grant', async () => {
    const event = cognitoEvent('TokenGeneration_HostedAuth', ['admins']);
    delete event.request.scopes;
    const result = await run(event);
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToSuppress).toEqual([WRITE]);
  });
});

describe('fails closed', () => {
  const hosted = () => cognitoEvent('TokenGeneration_HostedAuth', ['admins']);

  test('fails when the scope map is not set', async () => {
    delete process.env[SCOPES_BY_GROUP_VARIABLE];
    await expect(run(hosted())).rejects.toThrow(
      new Error('pre token generation refused: RESTRICTED_SCOPES_BY_GROUP is not set'));
  });

  test('fails when the scope map is empty', async () => {
    process.env[SCOPES_BY_GROUP_VARIABLE] = '';
    await expect(run(hosted())).rejects.toThrow(
      new Error('pre token generation refused: RESTRICTED_SCOPES_BY_GROUP is not set'));
  });

  test('fails when the scope map is not JSON', async () => {
    process.env[SCOPES_BY_GROUP_VARIABLE] = '{admins: orders.admin}';
    await expect(run(hosted())).rejects.toThrow(
      new Error('pre token generation refused: RESTRICTED_SCOPES_BY_GROUP is not JSON'));
  });

  test.each([
    ['a list', JSON.stringify([ADMIN])],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', JSON.stringify('admins')],
    ['true', 'true'],
  ])('fails when the scope map is %s', async (_name, value) => {
    process.env[SCOPES_BY_GROUP_VARIABLE] = value;
    await expect(run(hosted())).rejects.toThrow(
      new Error('pre token generation refused: RESTRICTED_SCOPES_BY_GROUP is not a JSON object'));
  });

  test('fails when the scope map names no group', async () => {
    process.env[SCOPES_BY_GROUP_VARIABLE] = '{}';
    await expect(run(hosted())).rejects.toThrow(
      new Error('pre token generation refused: RESTRICTED_SCOPES_BY_GROUP names no group'));
  });

  test.each([
    ['a string', { admins: ADMIN }],
    ['an empty list', { admins: [] }],
    ['a short scope name', { admins: ['orders.admin'] }],
    ['a number', { admins: [ADMIN, 7] }],
    ['a full name beside a short one', { admins: [ADMIN, 'orders.write'] }],
    ['a name with a space before it', { admins: [` ${ADMIN}`] }],
    ['a name with a space after it', { admins: [`${ADMIN} `] }],
    ['a name ending in "/"', { admins: [`${SERVER}/`] }],
    ['two names in one string', { admins: [`${ADMIN} ${WRITE}`] }],
  ])('fails when the scope map gives a group %s', async (_name, map) => {
    process.env[SCOPES_BY_GROUP_VARIABLE] = JSON.stringify(map);
    await expect(run(hosted())).rejects.toThrow(new Error('pre token generation refused: RESTRICTED_SCOPES_BY_GROUP '
      + 'maps a group to something other than a list of full scope names'));
  });

  test('accepts a resource server identifier that is a URL', async () => {
    const scope = 'https://api.example.com/orders.admin';
    process.env[SCOPES_BY_GROUP_VARIABLE] = JSON.stringify({ admins: [scope] });
    const event = cognitoEvent('TokenGeneration_HostedAuth', [], ['openid', scope]);
    expect(tokenScopes(event, await run(event))).toEqual(['openid']);
  });

  test.each(['1', '3', 2, undefined])('fails when the event version is %p', async (version) => {
    await expect(run({ ...hosted(), version })).rejects.toThrow(new Error('pre token generation refused: '
      + 'the event is not version 2; attach this function with LambdaVersion.V2_0'));
  });

  test.each(['PreSignUp_SignUp', undefined])('fails when the trigger source is %p', async (triggerSource) => {
    await expect(run({ ...hosted(), triggerSource })).rejects.toThrow(
      new Error('pre token generation refused: the event is not a pre token generation event'));
  });

  test.each([null, 'TokenGeneration_HostedAuth', 2])('fails when the event is %p, not an object', async (event) => {
    await expect(run(event)).rejects.toThrow(new Error('pre token generation refused: the event is not an object'));
  });

  test.each([undefined, null, 'groups'])('fails when the event\'s request is %p', async (request) => {
    await expect(run({ ...hosted(), request })).rejects.toThrow(
      new Error('pre token generation refused: the event has no request'));
  });

  test('fails when the group configuration is not an object', async () => {
    const event = hosted();
    event.request.groupConfiguration = 'admins';
    await expect(run(event)).rejects.toThrow(
      new Error('pre token generation refused: request.groupConfiguration is not an object'));
  });

  test.each([['a string', 'admins'], ['a list with a number', ['admins', 1]]])('fails when the groups are %s',
    async (_name, groups) => {
      const event = hosted();
      event.request.groupConfiguration.groupsToOverride = groups;
      await expect(run(event)).rejects.toThrow(new Error('pre token generation refused: '
        + 'request.groupConfiguration.groupsToOverride is not a list of group names'));
    });

  test('fails when the scopes are not a list', async () => {
    const event = hosted();
    event.request.scopes = `openid ${ADMIN}`;
    await expect(run(event)).rejects.toThrow(new Error('pre token generation refused: request.scopes is not a list of scopes'));
  });
});

test('logs nothing, neither on success nor on failure', async () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => {}));
  const writes = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await run(cognitoEvent('TokenGeneration_HostedAuth', ['admins']));
  await expect(run({ ...cognitoEvent('TokenGeneration_HostedAuth', []), version: '1' })).rejects.toThrow();
  writes.mockRestore();
  for (const spy of spies) {
    expect(spy).not.toHaveBeenCalled();
  }
  expect(writes).not.toHaveBeenCalled();
});

describe('properties, over random scope maps, groups and requests', () => {
  /** Fixed, so that a run is repeatable; fast-check prints it with the shrunk case when a property fails. */
  const SEED = 20261127;
  const identifiers = ['orders-api', 'https://api.example.com'];
  const names = ['orders.read', 'orders.write', 'orders.admin', 'reports.read', 'refunds'];
  const groupNames = ['admins', 'writers', 'Admins', 'support-team', 'Ädmins'];

  const scenario = fc.constantFrom(...identifiers).chain((identifier) => {
    const full = names.map((name) => `${identifier}/${name}`);
    return fc.record({
      scopesByGroup: fc.dictionary(fc.constantFrom(...groupNames), fc.subarray(full, { minLength: 1 }), { minKeys: 1 }),
      groups: fc.subarray([...groupNames, 'auditors', 'unknown']),
      requested: fc.option(fc.subarray(['openid', 'email', ...full]), { nil: undefined }),
      source: fc.constantFrom('TokenGeneration_HostedAuth', 'TokenGeneration_RefreshTokens', 'TokenGeneration_Authentication'),
    });
  });

  async function suppressedFor(s: { scopesByGroup: Record<string, string[]>; groups: string[]; requested?: string[]; source: string }) {
    process.env[SCOPES_BY_GROUP_VARIABLE] = JSON.stringify(s.scopesByGroup);
    const event = cognitoEvent(s.source as TriggerSource, s.groups, s.requested);
    if (s.requested === undefined) {
      delete event.request.scopes;
    }
    const result = await run(event);
    expect(Object.keys(result.response.claimsAndScopeOverrideDetails!)).toEqual(['accessTokenGeneration']);
    expect(Object.keys(result.response.claimsAndScopeOverrideDetails!.accessTokenGeneration!)).toEqual(['scopesToSuppress']);
    return result.response.claimsAndScopeOverrideDetails!.accessTokenGeneration!.scopesToSuppress!;
  }

  test('a scope is taken away exactly when it is restricted, requested and granted by none of the user\'s groups', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      const suppressed = await suppressedFor(s);
      const restricted = new Set(Object.values(s.scopesByGroup).flat());
      const granted = new Set(s.groups.flatMap((g) => (Object.keys(s.scopesByGroup).includes(g) ? s.scopesByGroup[g] : [])));
      const candidates = s.requested ?? Array.from(restricted);
      const expected = candidates.filter((scope) => restricted.has(scope) && !granted.has(scope));
      expect([...suppressed].sort()).toEqual(Array.from(new Set(expected)).sort());
      expect(new Set(suppressed).size).toBe(suppressed.length);
    }), { seed: SEED, numRuns: 300 });
  });

  test('nothing outside the request is touched, and groups the map does not know change nothing', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      const suppressed = await suppressedFor(s);
      if (s.requested !== undefined) {
        expect(s.requested).toEqual(expect.arrayContaining(suppressed));
      }
      const known = s.groups.filter((g) => Object.keys(s.scopesByGroup).includes(g));
      expect(await suppressedFor({ ...s, groups: known })).toEqual(suppressed);
    }), { seed: SEED, numRuns: 300 });
  });
});
