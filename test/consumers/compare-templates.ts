/**
 * Compares the CloudFormation templates of two cloud assemblies: the TypeScript reference and
 * one other language's. They pass only if both hold the same stacks and every template file is
 * byte for byte the same. Nothing is normalized: the same library code on the same aws-cdk-lib
 * writes both, so any difference at all is a finding. On a difference, it lists where the parsed
 * templates differ (JSON paths) and exits 1.
 *
 * The apps synthesize without the CDK CLI, so there is no CDKMetadata resource (version
 * reporting is the CLI's). That is on purpose: its `Analytics` field records the app's runtime
 * (`node.js/v20...` against the Go or Python one), a difference that is real but not the
 * library's. Asset hashes would be legitimate differences too, but the stack has no assets.
 *
 * Usage: ts-node test/consumers/compare-templates.ts <reference outdir> <other outdir> <other name>
 */
import * as fs from 'fs';
import * as path from 'path';

const MAX_DIFFERENCES_SHOWN = 20;

function templatesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    throw new Error(`${dir} does not exist: the app did not synthesize`);
  }
  return fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
}

/** Where two parsed JSON values differ, as `path: reference -> other` lines. */
function differences(reference: unknown, other: unknown, at: string, out: string[]): void {
  if (out.length >= MAX_DIFFERENCES_SHOWN) {
    return;
  }
  const bothObjects = typeof reference === 'object' && reference !== null && typeof other === 'object' && other !== null;
  if (!bothObjects || Array.isArray(reference) !== Array.isArray(other)) {
    if (JSON.stringify(reference) !== JSON.stringify(other)) {
      out.push(`${at}: ${JSON.stringify(reference)} -> ${JSON.stringify(other)}`);
    }
    return;
  }
  const ref = reference as Record<string, unknown>;
  const oth = other as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ref), ...Object.keys(oth)])];
  for (const key of keys) {
    const where = Array.isArray(reference) ? `${at}[${key}]`
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
    if (!(key in oth)) {
      out.push(`${where}: only in the reference`);
    } else if (!(key in ref)) {
      out.push(`${where}: only in the other template`);
    } else {
      differences(ref[key], oth[key], where, out);
    }
  }
}

function main(): number {
  const [referenceDir, otherDir, otherName] = process.argv.slice(2);
  if (!referenceDir || !otherDir || !otherName) {
    console.error('usage: compare-templates <reference outdir> <other outdir> <other name>');
    return 2;
  }

  const referenceFiles = templatesIn(referenceDir);
  const otherFiles = templatesIn(otherDir);
  if (referenceFiles.length === 0) {
    console.error(`FAIL ${otherName}: the TypeScript reference has no template in ${referenceDir}`);
    return 1;
  }
  if (JSON.stringify(referenceFiles) !== JSON.stringify(otherFiles)) {
    console.error(`FAIL ${otherName}: different stacks: TypeScript ${referenceFiles.join(', ')}; ${otherName} ${otherFiles.join(', ') || 'none'}`);
    return 1;
  }

  let failed = false;
  for (const file of referenceFiles) {
    const referenceText = fs.readFileSync(path.join(referenceDir, file), 'utf8');
    const otherText = fs.readFileSync(path.join(otherDir, file), 'utf8');
    const resources = Object.keys(JSON.parse(referenceText).Resources ?? {}).length;
    if (resources === 0) {
      console.error(`FAIL ${otherName}: ${file} of the TypeScript reference has no resources`);
      failed = true;
    } else if (referenceText === otherText) {
      console.log(`PASS ${otherName}: ${file} is identical to TypeScript's (${resources} resources, ${referenceText.length} bytes)`);
    } else {
      failed = true;
      const found: string[] = [];
      differences(JSON.parse(referenceText), JSON.parse(otherText), '$', found);
      console.error(`FAIL ${otherName}: ${file} differs from TypeScript's (TypeScript -> ${otherName}):`);
      for (const line of found) {
        console.error(`  ${line}`);
      }
      if (found.length === 0) {
        console.error('  the parsed templates are equal: only key order or whitespace differ');
      }
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
