/**
 * The end-to-end test: the example web app, built, in headless Chromium, signs in on a local
 * OpenID provider and calls a local API, both stood up from the synthesized template of the
 * example stack (cdk.out/ci-templates/example/AwesomeApiStack.template.json). Then the same flow
 * against copies of the template with one thing broken must fail, at the step that thing breaks.
 * The same again with the stack that allows the app on two origins
 * (cdk.out/ci-templates/two-origins/, example/two-origins.ts), from each origin, and broken where
 * several origins need more than one.
 *
 * Screenshots of every step go to test-reports/e2e/. Run it with `npx projen e2e`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startApi, type ApiRequestLog } from './api.js';
import { apiModel, loginModel, webClientConfig, type LoginModel, type WebClientConfig } from './model.js';
import { startProvider, type TestUser } from './provider.js';
import { fillDocument, runSwaggerCases, type SwaggerSite } from './swagger.js';
import { REGION, ResolvedTemplate, URL_SUFFIX, type Template } from './template.js';
import { startStatic } from './web.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The synthesized templates the cases run against: scripts/synth-templates.ts (the templates task) writes them. */
const TEMPLATES = {
  example: path.join(ROOT, 'cdk.out', 'ci-templates', 'example', 'AwesomeApiStack.template.json'),
  twoOrigins: path.join(ROOT, 'cdk.out', 'ci-templates', 'two-origins', 'AwesomeApiTwoOriginsStack.template.json'),
};
/** The example's OpenAPI document, which `npx projen example` writes next to its template (Swagger UI's cases). */
const OPENAPI_DOCUMENT = path.join(ROOT, 'cdk.out', 'ci-templates', 'example', 'AwesomeApiStack.openapi.json');
const WEB_DIST = path.join(ROOT, 'example', 'web', 'dist');
const REPORTS = path.join(ROOT, 'test-reports', 'e2e');
/** How long a step waits for what it expects to appear (generous: CI machines are shared). */
const TIMEOUT = 8_000;

const ALICE: TestUser = { email: 'alice@example.com', password: 'Alice-e2e-Passw0rd!' };
const BOB: TestUser = { email: 'bob@example.com', password: 'Bob-e2e-Passw0rd!' };

/**
 * What the example promises (example/main.ts and the README), independent of the template: the
 * app's user may call GET /awesomeapi and gets the mock's message; GET /awesomeapi/admin demands a
 * scope the browser client cannot get.
 */
const READ_PATH = 'awesomeapi';
const READ_BODY = '{"message":"Hello From Protected Resource"}';
const ADMIN_PATH = 'awesomeapi/admin';

/** The app on one of its origins, with the config it reads there. */
interface WebApp {
  readonly origin: string;
  /** The WebClientConfig output, resolved, pointing at the stand-ins (and at this origin's URLs). */
  readonly config: WebClientConfig;
}

/** The stand-ins of one template, running. */
interface Stand {
  /** The app on each origin of the browser client's callback URLs, the config's own origin first. */
  readonly apps: WebApp[];
  readonly providerOrigin: string;
  readonly outsideOrigin: string;
  readonly apiLog: ApiRequestLog[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Stands up the provider, the API, the app and an outside web site from one template; `site`, when
 * given, is served on the app's origins instead of the app (Swagger UI, in swagger.ts).
 */
async function standUp(template: Template, site?: SwaggerSite): Promise<Stand> {
  const t = new ResolvedTemplate(template);
  const cognitoConfig = webClientConfig(t);
  const login = loginModel(t, cognitoConfig);
  const api = apiModel(t);

  const providerOrigin = `http://localhost:${await freePort()}`;
  const apiOrigin = `http://localhost:${await freePort()}`;
  const outsideOrigin = `http://localhost:${await freePort()}`;
  const localIssuer = `${providerOrigin}/${login.poolId}`;
  // The harness alone points the config's AWS addresses at the stand-ins; the app reads the result.
  const local: Array<[string, string]> = [
    [login.issuer, localIssuer],
    [login.domainUrl, providerOrigin],
    [`https://${api.restApiId}.execute-api.${REGION}.${URL_SUFFIX}`, apiOrigin],
  ];
  const config = JSON.parse(pointedAtStandIns(JSON.stringify(cognitoConfig), local, 'WebClientConfig')) as WebClientConfig;
  const apps = appOrigins(login, config).map((origin) => ({ origin, config: configOn(config, login, origin) }));
  for (const { config: { redirect_uri } } of apps) {
    if (new URL(redirect_uri).hostname !== 'localhost') {
      throw new Error(`the redirect_uri ${redirect_uri} is not on localhost: the test cannot serve the app there`);
    }
  }

  const apiLog: ApiRequestLog[] = [];
  const stops = [
    await startProvider(login, localIssuer, Number(new URL(providerOrigin).port), [ALICE, BOB]),
    await startApi(api, Number(new URL(apiOrigin).port), (issuer) => (issuer === login.issuer ? localIssuer : issuer), apiLog),
    ...await Promise.all(apps.map((app) => {
      const served = site?.((text) => pointedAtStandIns(fillDocument(text, t), local),
        { clientId: app.config.client_id, redirectUri: app.config.redirect_uri })
        ?? { root: WEB_DIST, files: { '/config.json': JSON.stringify(app.config, null, 2) } };
      return startStatic(served.root, Number(new URL(app.origin).port || 80), served.files);
    })),
    // Another web site: one page, on a port of its own, which is another origin.
    await startStatic(WEB_DIST, Number(new URL(outsideOrigin).port), {
      '/': `<!doctype html><title>Another site</title><h1>Another web site: ${outsideOrigin}</h1><p id="result">Not called yet.</p>`,
    }),
  ];
  return {
    apps, providerOrigin, outsideOrigin, apiLog,
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}

/** `text` with the AWS addresses of `local` pointed at the stand-ins; refused if it holds another AWS address. */
function pointedAtStandIns(text: string, local: Array<[string, string]>, what = 'the OpenAPI document'): string {
  const pointed = local.reduce((json, [aws, here]) => json.split(aws).join(here), text);
  const unmapped = pointed.match(/https:\/\/[^"\s]*(amazonaws|amazoncognito)\.com[^"\s]*/);
  if (unmapped) {
    throw new Error(`${what} holds an address no stand-in serves: ${unmapped[0]}`);
  }
  return pointed;
}

/** The web origins of the client's callback URLs, that of the WebClientConfig's `redirect_uri` first. */
function appOrigins(login: LoginModel, config: WebClientConfig): string[] {
  const web = login.callbackUrls.map((url) => new URL(url)).filter((url) => url.protocol === 'http:' || url.protocol === 'https:');
  return [...new Set([new URL(config.redirect_uri).origin, ...web.map((url) => url.origin)])];
}

/**
 * The config the app reads on `origin`: the WebClientConfig output names the first callback and
 * logout URLs; on another origin, the app's operator would write that origin's callback and logout
 * URLs into its config.json instead, and so does the test, taking them from the template's client.
 */
function configOn(config: WebClientConfig, login: LoginModel, origin: string): WebClientConfig {
  if (new URL(config.redirect_uri).origin === origin) {
    return config;
  }
  const on = (urls: string[], what: string) => {
    const url = urls.find((u) => new URL(u).origin === origin);
    if (!url) {
      throw new Error(`the browser client has a callback URL on ${origin} but no ${what} there`);
    }
    return url;
  };
  const redirectUri = on(login.callbackUrls, 'callback URL');
  let { logout_url: logoutUrl, post_logout_redirect_uri: postLogout } = config;
  if (postLogout !== undefined) {
    const first = `logout_uri=${encodeURIComponent(postLogout)}`;
    postLogout = on(login.logoutUrls, 'logout URL');
    if (!logoutUrl?.includes(first)) {
      throw new Error(`the WebClientConfig's logout_url ${logoutUrl} does not hold ${first}`);
    }
    logoutUrl = logoutUrl.replace(first, `logout_uri=${encodeURIComponent(postLogout)}`);
  }
  return { ...config, redirect_uri: redirectUri, logout_url: logoutUrl, post_logout_redirect_uri: postLogout };
}

class StepFailure extends Error {
  constructor(public readonly step: string, cause: Error) {
    super(`${step}: ${cause.message.split('\n').filter(Boolean).slice(0, 2).join(' / ')}`);
  }
}

async function waitForText(locator: Locator, expected: string | ((text: string) => boolean), what: string): Promise<string> {
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  while (Date.now() < deadline) {
    text = ((await locator.textContent({ timeout: 250 }).catch(() => null)) ?? '').trim();
    if (typeof expected === 'string' ? text === expected : expected(text)) {
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${what}${typeof expected === 'string' ? ` "${expected}"` : ''}, the page shows "${text.slice(0, 300)}"`);
}

/** The whole flow a user goes through. Throws a StepFailure at the first step that does not hold. */
async function userFlow(page: Page, stand: Stand, app: WebApp, shot: (name: string) => Promise<void>): Promise<void> {
  const { config, origin: appOrigin } = app;
  const { providerOrigin } = stand;
  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (error) {
      throw new StepFailure(name, error as Error);
    }
  };
  const signIn = async (user: TestUser) => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === providerOrigin && url.pathname.startsWith('/login/'), { timeout: TIMEOUT })
      .catch(async () => {
        throw new Error(`no login form; the browser is at ${page.url()}: ${(await page.textContent('body'))?.trim().slice(0, 200)}`);
      });
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await shot(user === ALICE ? '02-login' : '08-login-again');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.getByTestId('email'), user.email, 'the dashboard with the email').catch(async (error: Error) => {
      throw new Error(`${error.message} at ${page.url()}`);
    });
    if (page.url() !== config.redirect_uri) {
      throw new Error(`signed in at ${page.url()}, not at the callback URL ${config.redirect_uri}`);
    }
  };
  /** The access token the app holds (oidc-client-ts keeps the user in session storage). */
  const accessToken = async () => {
    const key = `oidc.user:${config.issuer}:${config.client_id}`;
    const stored = await page.evaluate((k) => sessionStorage.getItem(k), key);
    const token = (JSON.parse(stored ?? '{}') as { access_token?: string }).access_token;
    if (!token) {
      throw new Error(`no access token in the app's session storage under ${key}`);
    }
    return token;
  };
  /** Calls the API from the app; the app must show `status` and `body`. */
  const callApi = async (apiPath: string, status: string, body: string) => {
    await page.getByLabel('API path').fill(apiPath);
    await page.getByRole('button', { name: 'Call API' }).click();
    await waitForText(page.getByTestId('api-result'), (text) => text.includes(apiPath), `the answer of ${apiPath}`);
    const shown = (await page.getByTestId('api-result').textContent())?.trim() ?? '';
    const [status_, body_] = await Promise.all([
      page.getByTestId('api-status').textContent({ timeout: 250 }).catch(() => null),
      page.getByTestId('api-body').textContent({ timeout: 250 }).catch(() => null),
    ]);
    if (status_ !== status || body_ !== body) {
      const answered = stand.apiLog.filter((r) => r.path.endsWith(`/${apiPath}`) && r.origin === appOrigin)
        .map((r) => `${r.method} ${r.status}`).join(', ');
      throw new Error(`expected ${status} and ${body}, the app shows "${shown}" (the API answered: ${answered || 'nothing'})`);
    }
  };

  await step('open the app', async () => {
    await page.goto(`${appOrigin}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
    await shot('01-signed-out');
  });

  await step('sign in on the login page and land on the dashboard', () => signIn(ALICE));

  await step('see the scopes of the access token, which has the claims of a Cognito access token', async () => {
    const wanted = config.scope.split(' ').sort().join(' ');
    await waitForText(page.getByTestId('scopes'), (text) => text.split(' ').sort().join(' ') === wanted, `the scopes "${wanted}"`);
    await shot('03-dashboard');
    const claims = JSON.parse(Buffer.from((await accessToken()).split('.')[1], 'base64url').toString()) as { [claim: string]: unknown };
    const expected = { iss: config.issuer, client_id: config.client_id, token_use: 'access', username: claims.sub };
    for (const [claim, value] of Object.entries(expected)) {
      if (claims[claim] !== value) {
        throw new Error(`the access token's ${claim} is ${JSON.stringify(claims[claim])}, not ${JSON.stringify(value)}`);
      }
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.scope !== 'string') {
      throw new Error(`the access token lacks sub, exp or scope: ${JSON.stringify(claims)}`);
    }
  });

  await step(`call GET /${READ_PATH}: 200 and the mock's body`, async () => {
    await callApi(READ_PATH, '200 OK', READ_BODY);
    await shot('04-api-200');
  });

  await step(`call GET /${ADMIN_PATH}: refused with 401, readable by the app`, async () => {
    await callApi(ADMIN_PATH, '401 Unauthorized', '{"message":"Unauthorized"}');
    await shot('05-api-401');
  });

  await step('a page from an origin outside corsAllowOrigins cannot read the answer', async () => {
    const token = await accessToken();
    const outside = await page.context().newPage();
    await outside.goto(`${stand.outsideOrigin}/`);
    const url = new URL(READ_PATH, config.api_url).toString();
    const seen = await outside.evaluate(async ({ target, accessToken }) => {
      let text: string;
      try {
        const response = await fetch(target, { headers: { Authorization: accessToken } });
        text = `read the answer: ${response.status} ${await response.text()}`;
      } catch (error) {
        text = `the browser refused to let this page read GET ${target}: ${String(error)}`;
      }
      document.getElementById('result')!.textContent = text;
      return text;
    }, { target: url, accessToken: token });
    await outside.screenshot({ path: path.join(currentShots, '06-outside-origin.png') });
    await outside.close();
    if (!seen.startsWith('the browser refused')) {
      throw new Error(`a page on ${stand.outsideOrigin} could ${seen}`);
    }
    // The API did answer the preflight: it is the browser's CORS check that refused, not the network.
    if (!stand.apiLog.some((r) => r.method === 'OPTIONS' && r.origin === stand.outsideOrigin && r.status < 300)) {
      throw new Error(`the API stand-in got no preflight from ${stand.outsideOrigin}`);
    }
  });

  await step('sign out through the logout URL', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(config.post_logout_redirect_uri ?? `${appOrigin}/`, { timeout: TIMEOUT }).catch(async () => {
      throw new Error(`not back at the logout URL; the browser is at ${page.url()}: ${(await page.textContent('body'))?.trim().slice(0, 200)}`);
    });
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
    await shot('07-signed-out');
  });

  await step('sign in again: the login page asks again, and another user gets in', () => signIn(BOB));
  await shot('09-dashboard-bob');
}

let currentShots = REPORTS;

interface Case {
  readonly name: string;
  /** The template: the example's (the default), or the one that allows the app on two origins. */
  readonly template?: keyof typeof TEMPLATES;
  /** Which of the app's origins the browser opens it on: 0 (the default) is the WebClientConfig's own. */
  readonly from?: number;
  /** Breaks one thing in a copy of the template; absent for the template as synthesized. */
  readonly breakIt?: (template: Template) => void;
  /** The step at which the broken template must stop the flow... */
  readonly failsAt?: string;
  /** ...and what the failure must say, so that it cannot fail for another reason. */
  readonly because?: RegExp;
}

// The cases reach deep into raw template properties to break one of them: typing each path would
// hide what is broken behind casts, so these few lines take the template as loosely typed JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = { [key: string]: any };
const resourcesOf = (template: Template, type: string) => Object.values(template.Resources)
  .filter((r) => r.Type === type).map((r) => r.Properties as Props);
const browserClient = (template: Template) => resourcesOf(template, 'AWS::Cognito::UserPoolClient')
  .find((p) => (p.AllowedOAuthFlows as string[]).includes('code'))!;
const readMethod = (template: Template) => resourcesOf(template, 'AWS::ApiGateway::Method')
  .find((p) => (p.AuthorizationScopes as string[] | undefined)?.some((s) => s.endsWith('/awesomeapi.read')))!;
const preflights = (template: Template) => resourcesOf(template, 'AWS::ApiGateway::Method').filter((p) => p.HttpMethod === 'OPTIONS');

const SIGN_IN = 'sign in on the login page and land on the dashboard';
const CASES: Case[] = [
  { name: 'the template as synthesized' },
  {
    name: 'broken: the method demands another scope',
    breakIt: (t) => { readMethod(t).AuthorizationScopes = ['awesomeapi-resource-server/awesomeapi.write']; },
    failsAt: `call GET /${READ_PATH}: 200 and the mock's body`,
    because: /expected 200 OK .* the app shows ".*: 401 Unauthorized/,
  },
  {
    name: 'broken: the client may not get the read scope',
    breakIt: (t) => {
      const client = browserClient(t);
      client.AllowedOAuthScopes = (client.AllowedOAuthScopes as unknown[]).filter((s) => !JSON.stringify(s).includes('awesomeapi.read'));
    },
    failsAt: SIGN_IN,
    because: /Sign-in failed: requested scope is not allowed/,
  },
  {
    name: 'broken: the callback URL',
    breakIt: (t) => { browserClient(t).CallbackURLs = ['http://localhost:3000/callback']; },
    failsAt: SIGN_IN,
    because: /redirect_uri did not match any of the client's registered redirect_uris/,
  },
  {
    name: 'broken: the logout URL',
    breakIt: (t) => { browserClient(t).LogoutURLs = ['http://localhost:3000/signed-out']; },
    failsAt: 'sign out through the logout URL',
    because: /post_logout_redirect_uri not registered/,
  },
  {
    name: 'broken: the CORS origin of the method\'s answer',
    breakIt: (t) => {
      readMethod(t).Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Origin'] = "'http://localhost:3001'";
    },
    failsAt: `call GET /${READ_PATH}: 200 and the mock's body`,
    because: /the browser did not let this page read the answer.*\(the API answered: OPTIONS 204, GET 200\)/,
  },
  {
    name: 'broken: the CORS origin of the gateway responses',
    breakIt: (t) => {
      for (const response of resourcesOf(t, 'AWS::ApiGateway::GatewayResponse')) {
        response.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'] = "'http://localhost:3001'";
      }
    },
    failsAt: `call GET /${ADMIN_PATH}: refused with 401, readable by the app`,
    because: /the browser did not let this page read the answer.*\(the API answered: OPTIONS 204, GET 401\)/,
  },
  { name: 'two allowed origins: the app on the first', template: 'twoOrigins' },
  { name: 'two allowed origins: the app on the second', template: 'twoOrigins', from: 1 },
  {
    name: 'broken, two origins: the gateway responses send the first origin only (as before issue 19)',
    template: 'twoOrigins',
    from: 1,
    breakIt: (t) => {
      for (const response of resourcesOf(t, 'AWS::ApiGateway::GatewayResponse')) {
        response.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'] = "'http://localhost:3000'";
      }
    },
    failsAt: `call GET /${ADMIN_PATH}: refused with 401, readable by the app`,
    because: /the browser did not let this page read the answer.*\(the API answered: OPTIONS 204, GET 401\)/,
  },
  {
    name: 'broken, two origins: the method\'s answer names the first origin only',
    template: 'twoOrigins',
    from: 1,
    // The mock's body without the template that echoes the request's origin when it is an allowed one.
    breakIt: (t) => { readMethod(t).Integration.IntegrationResponses[0].ResponseTemplates['application/json'] = READ_BODY; },
    failsAt: `call GET /${READ_PATH}: 200 and the mock's body`,
    because: /the browser did not let this page read the answer.*\(the API answered: OPTIONS 204, GET 200\)/,
  },
  {
    name: 'broken, two origins: the preflight answers the first origin only',
    template: 'twoOrigins',
    from: 1,
    breakIt: (t) => {
      for (const preflight of preflights(t)) {
        delete preflight.Integration.IntegrationResponses[0].ResponseTemplates;
      }
    },
    failsAt: `call GET /${READ_PATH}: 200 and the mock's body`,
    because: /the browser did not let this page read the answer.*\(the API answered: OPTIONS 204\)/,
  },
];

async function runCase(browser: Browser, synthesized: Template, testCase: Case): Promise<boolean> {
  const template = structuredClone(synthesized);
  testCase.breakIt?.(template);
  // The example's own flow keeps its screenshots at the top (the README shows one); every other case has a folder.
  currentShots = testCase === CASES[0] ? REPORTS : path.join(REPORTS, testCase.name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '').toLowerCase());
  mkdirSync(currentShots, { recursive: true });
  const started = Date.now();
  const stand = await standUp(template);
  const context = await browser.newContext({ viewport: { width: 1000, height: 640 } });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  let failure: StepFailure | undefined;
  try {
    const app = stand.apps[testCase.from ?? 0];
    if (!app) {
      throw new Error(`${testCase.name}: the template's browser client has no app origin number ${testCase.from}: ${stand.apps.map((a) => a.origin).join(', ')}`);
    }
    await userFlow(page, stand, app, async (name) => {
      if (!testCase.breakIt) {
        await page.screenshot({ path: path.join(currentShots, `${name}.png`) });
      }
    });
  } catch (error) {
    if (!(error instanceof StepFailure)) {
      throw error;
    }
    failure = error;
    await page.screenshot({ path: path.join(currentShots, 'failed.png') }).catch(() => undefined);
  } finally {
    await context.close();
    await stand.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!testCase.failsAt) {
    if (failure) {
      console.log(`FAIL ${testCase.name} (${seconds} s): ${failure.message}`);
      console.log(consoleLines.map((line) => `  browser ${line}`).join('\n'));
      return false;
    }
    console.log(`PASS ${testCase.name} (${seconds} s): on ${stand.apps[testCase.from ?? 0].origin}, signed in, called the API (200 and 401), outside origin refused, signed out`);
    return true;
  }
  if (failure?.step === testCase.failsAt && testCase.because?.test(failure.message)) {
    console.log(`PASS ${testCase.name} (${seconds} s): the flow fails at "${failure.step}" as it must (${failure.message.slice(failure.step.length + 2)})`);
    return true;
  }
  console.log(`FAIL ${testCase.name} (${seconds} s): expected the flow to fail at "${testCase.failsAt}" `
    + `with ${testCase.because}; ${failure ? `it failed at ${failure.message}` : 'it passed'}`);
  return false;
}

async function main(): Promise<void> {
  const synthesized = Object.fromEntries(Object.entries(TEMPLATES)
    .map(([name, file]) => [name, JSON.parse(readFileSync(file, 'utf8')) as Template])) as { [name in keyof typeof TEMPLATES]: Template };
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  let executablePath = process.env.CHROMIUM_PATH;
  try {
    executablePath ??= execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not on the PATH: install it (Debian: apt-get install chromium), or set CHROMIUM_PATH');
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--host-resolver-rules=MAP localhost 127.0.0.1'],
  });
  let failed = 0;
  let total = CASES.length;
  try {
    for (const testCase of CASES) {
      if (!(await runCase(browser, synthesized[testCase.template ?? 'example'], testCase))) {
        failed++;
      }
    }
    // The example's OpenAPI document in Swagger UI, against the same stand-ins (swagger.ts).
    const swagger = await runSwaggerCases(browser, async (template, site) => {
      const stand = await standUp(template, site);
      const app = stand.apps[0];
      return { origin: app.origin, clientId: app.config.client_id, redirectUri: app.config.redirect_uri, scope: app.config.scope, stop: stand.stop };
    }, synthesized.example, readFileSync(OPENAPI_DOCUMENT, 'utf8'), ALICE, REPORTS);
    failed += swagger.failed;
    total += swagger.passed + swagger.failed;
  } finally {
    await browser.close();
  }
  console.log(`e2e: ${total - failed} of ${total} cases passed; screenshots in ${path.relative(process.cwd(), REPORTS) || '.'}`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error: Error) => {
  console.error(`e2e: ${error.stack ?? error.message}`);
  // Stand-ins started before the error would keep the process alive.
  process.exit(1);
});
