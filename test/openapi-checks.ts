/**
 * Whether an OpenAPI document is valid, by two well-kept tools: `@readme/openapi-parser` (the
 * OpenAPI schema and the specification's rules) and Spectral's `spectral:oas` ruleset.
 */
import { validate } from '@readme/openapi-parser';
import { Document, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { Stack } from 'aws-cdk-lib';
import { documentWithPlaceholders, fillPlaceholders } from '../scripts/openapi-document';

/** What the two tools say: the validator's errors, Spectral's errors and its warnings (rule and place). */
export interface DocumentFindings {
  readonly validatorErrors: string[];
  readonly spectralErrors: string[];
  readonly spectralWarnings: string[];
}

/** An `openApiDocument()` of `stack` as JSON, deploy-time values made up (as CloudFormation would give them). */
// The tests read deep into the document: loosely typed JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resolvedDocument(stack: Stack, document: string): any {
  const text = documentWithPlaceholders(stack, document);
  return JSON.parse(fillPlaceholders(text, (name) => ({
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::Region': 'us-east-1',
    'AWS::AccountId': '123456789012',
    'AWS::Partition': 'aws',
  } as { [name: string]: string })[name] ?? `made-up-${name.replace(/[^A-Za-z0-9]/g, '').toLowerCase().slice(-20)}`));
}

export async function documentFindings(document: { [key: string]: unknown }): Promise<DocumentFindings> {
  const validated = await validate(structuredClone(document) as never);
  const validatorErrors = validated.valid ? [] : validated.errors.map((e) => e.message);
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [[oas as never, 'recommended']] } as never);
  const results = await spectral.run(new Document(JSON.stringify(document, null, 2), Json));
  const line = (r: (typeof results)[number]) => `${r.code} at ${r.path.join('.')}: ${r.message}`;
  return {
    validatorErrors,
    spectralErrors: results.filter((r) => r.severity === 0).map(line),
    spectralWarnings: results.filter((r) => r.severity === 1).map(line),
  };
}
