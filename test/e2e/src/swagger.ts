/**
 * The example's OpenAPI document in Swagger UI (the swagger-ui-dist package, as it is), in headless
 * Chromium, against the same stand-ins as the web app's flow: open it, Authorize with the
 * authorization-code flow and PKCE (signing in at the stand-in's login page in Swagger UI's popup),
 * call the protected operation with "Try it out" (200), then the admin-only one (refused). Then
 * copies of the document with one thing broken (the token URL, a scope) must make the flow fail.
 *
 * The document is the one `npx projen example` writes next to the template
 * (cdk.out/ci-templates/example/AwesomeApiStack.openapi.json): its deploy-time values are `Fn::Sub`
 * placeholders, filled in here from the template the way the rest of the test resolves it.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestUser } from './provider.js';
import type { ResolvedTemplate, Template } from './template.js';

/** The stand-ins of one template, as run.ts stands them up, serving `site` on the app's origin. */
export interface SwaggerStand {
  /** The app's origin, its client id and its callback URL. */
  readonly origin: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The scopes the browser client may request, space-separated. */
  readonly scope: string;
  stop(): Promise<void>;
}

/** What to serve on the app's origin, made once the stand-ins' addresses are known. */
export type SwaggerSite = (resolve: (text: string) => string, app: { clientId: string; redirectUri: string }) => {
  readonly root: string;
  readonly files: { [path: string]: string };
};

export type StandUpSwagger = (template: Template, site: SwaggerSite) => Promise<SwaggerStand>;

const SWAGGER_UI = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const TIMEOUT = 8_000;

/**
 * A text of `documentWithPlaceholders` (scripts/openapi-document.ts) filled in as `Fn::Sub` would,
 * with the values the template resolves to: `${Id}` is its `Ref`, `${Id.Attribute}` its `Fn::GetAtt`.
 */
export function fillDocument(text: string, t: ResolvedTemplate): string {
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
    if (bang) {
      return `\${${name}}`;
    }
    const [id, attribute] = name.split(/\.(.*)/s);
    return attribute === undefined || id.startsWith('AWS::') ? t.ref(name) : t.getAtt(id, attribute);
  });
}

class StepFailure extends Error {
  constructor(public readonly step: string, cause: Error) {
    super(`${step}: ${cause.message.split('\n').filter(Boolean).slice(0, 2).join(' / ')}`);
  }
}

interface SwaggerCase {
  readonly name: string;
  /** Breaks one thing in a copy of the document (parsed, placeholders still in). */
  readonly breakIt?: (document: Doc) => void;
  readonly failsAt?: string;
  readonly because?: RegExp;
}

// The cases reach into the document to break one value: loosely typed JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { [key: string]: any };

const READ_OPERATION = 'getAwesomeapi';
const ADMIN_OPERATION = 'getAwesomeapiAdmin';
const AUTHORIZE = 'authorize in Swagger UI: sign in at the login page, authorization code with PKCE';
const CALL_READ = 'try GET /awesomeapi: 200 and the mock\'s body';
const codeFlow = (d: Doc) => d.components.securitySchemes.cognito.flows.authorizationCode;

const CASES: SwaggerCase[] = [
  { name: 'Swagger UI with the document as synthesized' },
  {
    name: 'Swagger UI, broken: the token URL',
    breakIt: (d) => { codeFlow(d).tokenUrl = String(codeFlow(d).tokenUrl).replace('/oauth2/token', '/oauth2/tokens'); },
    failsAt: AUTHORIZE,
    because: /Swagger UI shows: .*(Auth ?Error|Failed to fetch|Not Found)/i,
  },
  {
    name: 'Swagger UI, broken: the read scope is missing',
    breakIt: (d) => {
      const scopes = codeFlow(d).scopes as { [scope: string]: string };
      delete scopes[Object.keys(scopes).find((scope) => scope.endsWith('/awesomeapi.read'))!];
    },
    failsAt: CALL_READ,
    because: /expected 200, Swagger UI shows 401/,
  },
];

/** Opens Swagger UI, authorizes, calls the two operations. Throws a StepFailure at the first step that does not hold. */
async function swaggerFlow(page: Page, stand: SwaggerStand, user: TestUser, shot: (name: string, on?: Page) => Promise<void>): Promise<void> {
  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (error) {
      throw new StepFailure(name, error as Error);
    }
  };
  const operation = (id: string) => page.locator(`[id$="-${id}"].opblock`);
  const tryIt = async (id: string, status: string) => {
    const op = operation(id);
    await op.locator('.opblock-summary').first().click();
    await op.getByRole('button', { name: 'Try it out' }).click();
    await op.getByRole('button', { name: 'Execute' }).click();
    const shown = op.locator('.live-responses-table .response .response-col_status').first();
    await shown.waitFor({ timeout: TIMEOUT });
    const text = ((await shown.textContent()) ?? '').trim();
    if (!text.startsWith(status)) {
      const body = ((await op.locator('.live-responses-table .response-col_description').first().textContent()) ?? '').trim();
      throw new Error(`expected ${status}, Swagger UI shows ${text}: ${body.slice(0, 200)}`);
    }
    await op.locator('.live-responses-table').scrollIntoViewIfNeeded();
  };

  await step('open Swagger UI with the document', async () => {
    await page.goto(`${stand.origin}/`);
    await operation(READ_OPERATION).waitFor({ timeout: TIMEOUT });
    await operation(ADMIN_OPERATION).waitFor({ timeout: TIMEOUT });
    await shot('01-swagger-ui');
  });

  await step(AUTHORIZE, async () => {
    await page.locator('.auth-wrapper button.authorize').click();
    const block = page.locator('.auth-container').filter({ hasText: 'authorizationCode' });
    await block.waitFor({ timeout: TIMEOUT });
    // The scopes the browser client may request, those the document offers.
    for (const scope of stand.scope.split(' ')) {
      const box = block.locator(`input[id^="${scope}-authorizationCode-checkbox-"]`);
      if (await box.count() > 0) {
        // Swagger UI hides the box itself and draws its label.
        await block.locator(`label[for="${await box.getAttribute('id')}"]`).click();
        if (!(await box.isChecked())) {
          throw new Error(`the scope ${scope} does not get ticked`);
        }
      }
    }
    await shot('02-authorize');
    const popupOpens = page.waitForEvent('popup', { timeout: TIMEOUT });
    await block.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
    const popup = await popupOpens;
    await popup.waitForURL((url) => url.pathname.startsWith('/login/'), { timeout: TIMEOUT }).catch(async () => {
      throw new Error(`no login form; the popup is at ${popup.url()}: ${(await popup.textContent('body').catch(() => ''))?.trim().slice(0, 200)}`);
    });
    await popup.getByLabel('Email address').fill(user.email);
    await popup.getByLabel('Password').fill(user.password);
    await shot('03-login', popup);
    const closed = popup.waitForEvent('close', { timeout: TIMEOUT });
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await closed.catch(() => {
      throw new Error(`the popup did not return to Swagger UI; it is at ${popup.url()}`);
    });
    const done = block.getByRole('button', { name: 'Remove authorization' });
    const deadline = Date.now() + TIMEOUT;
    while (!(await done.isVisible())) {
      const errors = ((await page.locator('.auth-container .errors').allTextContents()).join(' ')).trim();
      if (errors || Date.now() > deadline) {
        throw new Error(`not authorized; Swagger UI shows: ${errors || 'no error, and no token'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await shot('04-authorized');
    await page.locator('.auth-btn-wrapper button.btn-done').first().click();
  });

  await step(CALL_READ, async () => {
    await tryIt(READ_OPERATION, '200');
    const body = ((await operation(READ_OPERATION).locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '');
    if (!body.includes('Hello From Protected Resource')) {
      throw new Error(`the answer is not the mock's body: ${body.slice(0, 200)}`);
    }
    await shot('05-try-read-200');
  });

  await step('try GET /awesomeapi/admin: refused with 401', async () => {
    await tryIt(ADMIN_OPERATION, '401');
    await shot('06-try-admin-401');
  });
}

/**
 * Runs every Swagger UI case against `template` and the document `text` (with placeholders);
 * screenshots go to `reports`. Resolves to how many cases failed, after printing a line for each.
 */
export async function runSwaggerCases(browser: Browser, standUp: StandUpSwagger, template: Template, text: string,
  user: TestUser, reports: string): Promise<{ passed: number; failed: number }> {
  let failed = 0;
  for (const testCase of CASES) {
    const document = JSON.parse(text) as Doc;
    testCase.breakIt?.(document);
    const shots = testCase.breakIt ? path.join(reports, testCase.name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '').toLowerCase()) : path.join(reports, 'swagger-ui');
    mkdirSync(shots, { recursive: true });
    const started = Date.now();
    const stand = await standUp(template, (resolve, app) => ({
      root: SWAGGER_UI,
      files: {
        '/': swaggerPage(app.clientId, app.redirectUri),
        // Swagger UI's page for the way back from the login page, at the browser client's callback URL.
        [new URL(app.redirectUri).pathname]: OAUTH2_REDIRECT_PAGE,
        '/openapi.json': resolve(JSON.stringify(document, null, 2)),
      },
    }));
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    let failure: StepFailure | undefined;
    try {
      await swaggerFlow(page, stand, user, async (name, on) => {
        await (on ?? page).screenshot({ path: path.join(shots, `${name}.png`), fullPage: !on });
      });
    } catch (error) {
      if (!(error instanceof StepFailure)) {
        throw error;
      }
      failure = error;
      await page.screenshot({ path: path.join(shots, 'failed.png'), fullPage: true }).catch(() => undefined);
    } finally {
      await context.close();
      await stand.stop();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!testCase.failsAt) {
      if (failure) {
        console.log(`FAIL ${testCase.name} (${seconds} s): ${failure.message}`);
        failed++;
      } else {
        console.log(`PASS ${testCase.name} (${seconds} s): opened, authorized (code with PKCE), tried GET /awesomeapi (200) and GET /awesomeapi/admin (401)`);
      }
    } else if (failure?.step === testCase.failsAt && testCase.because?.test(failure.message)) {
      console.log(`PASS ${testCase.name} (${seconds} s): the flow fails at "${failure.step}" as it must (${failure.message.slice(failure.step.length + 2)})`);
    } else {
      console.log(`FAIL ${testCase.name} (${seconds} s): expected the flow to fail at "${testCase.failsAt}" `
        + `with ${testCase.because}; ${failure ? `it failed at ${failure.message}` : 'it passed'}`);
      failed++;
    }
  }
  return { passed: CASES.length - failed, failed };
}

/** Swagger UI's page, the way its README sets it up, for a public client with PKCE. */
function swaggerPage(clientId: string, redirectUri: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Awesome API: Swagger UI</title>
<link rel="stylesheet" href="/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/swagger-ui-bundle.js"></script>
<script>
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', oauth2RedirectUrl: ${JSON.stringify(redirectUri)} });
  window.ui.initOAuth({ clientId: ${JSON.stringify(clientId)}, usePkceWithAuthorizationCodeGrant: true });
</script></body></html>`;
}

/** swagger-ui-dist's oauth2-redirect.html, which loads its script from the root. */
const OAUTH2_REDIRECT_PAGE = '<!doctype html><html lang="en-US"><body><script src="/oauth2-redirect.js"></script></body></html>';
