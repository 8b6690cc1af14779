import { Token } from 'aws-cdk-lib';
import { fail, isToken, show } from './errors';

/*
 * The rules and defaults of the props every front (REST, HTTP) has alike: the origins CORS
 * allows, and the stage's throttling.
 */

/**
 * The browser origins of the given URLs, in order and without repeats. URLs that are tokens or
 * that have no web origin (custom app schemes such as `myapp://callback`) give none.
 */
export function originsOf(urls: string[]): string[] {
  const origins: string[] = [];
  for (const url of urls) {
    if (Token.isUnresolved(url)) {
      continue;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && !origins.includes(parsed.origin)) {
      origins.push(parsed.origin);
    }
  }
  return origins;
}

export function validateCorsAllowOrigins(origins: string[]): void {
  if (isToken(origins)) {
    return;
  }
  origins.forEach((origin, i) => {
    if (isToken(origin)) {
      return;
    }
    if (origin === '*') {
      if (origins.length > 1) {
        fail(`corsAllowOrigins[${i}] "*" is invalid alongside other origins: give ['*'] alone to allow any origin`);
      }
      return;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin) {
      fail(`corsAllowOrigins[${i}] ${show(origin)} is invalid: use an origin, scheme://host[:port] with no path `
        + 'or trailing slash, such as https://app.example.com, or [\'*\'] to allow any origin');
    }
  });
}

export function validateThrottling(rateLimit: number, burstLimit: number): void {
  if (!isToken(rateLimit) && !(rateLimit > 0)) {
    fail(`throttlingRateLimit ${show(rateLimit)} is invalid: use a number of requests per second above 0`);
  }
  if (!isToken(burstLimit) && !(Number.isInteger(burstLimit) && burstLimit > 0)) {
    fail(`throttlingBurstLimit ${show(burstLimit)} is invalid: use a whole number of requests above 0`);
  }
}
