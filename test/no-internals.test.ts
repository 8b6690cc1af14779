import * as fs from 'fs';
import * as path from 'path';

/*
 * The construct runs on any aws-cdk-lib from its floor up, so it must not touch what aws-cdk-lib
 * may change in a minor release: members whose names start with `_` (`@internal`), and children
 * aws-cdk-lib made, removed again.
 */

/** The only removal allowed, by file and function, and why. */
const ALLOWED_REMOVALS = [{
  file: 'src/private/rest/rest-api.ts',
  inFunction: 'dropOwnUrlOutput',
  why: 'RestApi has no prop to leave its own URL output out; it is found by type right after the API is made, not by id',
}];

/** The code of `source` without comments and string literals (which may mention such names freely). */
function codeOnly(source: string): string {
  // Blanked rather than dropped, so that lines keep their numbers.
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/\/\/.*$/gm, blank)
    .replace(/'(?:[^'\\\n]|\\.)*'/g, blank)
    .replace(/"(?:[^"\\\n]|\\.)*"/g, blank)
    .replace(/`(?:[^`\\]|\\.)*`/g, blank);
}

/** Each use of an internal member or a child removal in `source`, with its line. */
export function findInternals(source: string): Array<{ line: number; text: string; removal: boolean }> {
  const found: Array<{ line: number; text: string; removal: boolean }> = [];
  codeOnly(source).split('\n').forEach((text, i) => {
    if (/\.\s*_[A-Za-z]\w*/.test(text)) {
      found.push({ line: i + 1, text: text.trim(), removal: false });
    }
    if (/\b(tryRemoveChild|removeChild)\b/.test(text)) {
      found.push({ line: i + 1, text: text.trim(), removal: true });
    }
  });
  return found;
}

/** The name of the function that `line` (1-based) of `source` stands in. */
function enclosingFunction(source: string, line: number): string | undefined {
  const before = source.split('\n').slice(0, line);
  for (let i = before.length - 1; i >= 0; i--) {
    const m = /^(?:export )?function (\w+)/.exec(before[i]);
    if (m) {
      return m[1];
    }
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('no aws-cdk-lib internals in src/', () => {
  const root = path.join(__dirname, '..');

  test('the check finds what it looks for, and not in comments or strings', () => {
    expect(findInternals('this.authorizer._attachToApi(this.api);').map((f) => f.removal)).toEqual([false]);
    expect(findInternals("api.node.tryRemoveChild('Endpoint');").map((f) => f.removal)).toEqual([true]);
    expect(findInternals('x = a._b;\n// a._b\nconst s = "a._b tryRemoveChild";')).toEqual([{ line: 1, text: 'x = a._b;', removal: false }]);
  });

  test('no file uses a member whose name starts with _, or removes a child outside the one allowed place', () => {
    const files = sourceFiles(path.join(root, 'src'));
    expect(files.length).toBeGreaterThan(10);
    const offences: string[] = [];
    for (const file of files) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const source = fs.readFileSync(file, 'utf8');
      for (const found of findInternals(source)) {
        const allowed = found.removal && ALLOWED_REMOVALS.some((a) => a.file === relative
          && a.inFunction === enclosingFunction(source, found.line));
        if (!allowed) {
          offences.push(`${relative}:${found.line}: ${found.text}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  test('the allowed removal is still there (drop it from the list once it is gone)', () => {
    for (const allowed of ALLOWED_REMOVALS) {
      const source = fs.readFileSync(path.join(root, allowed.file), 'utf8');
      const removals = findInternals(source).filter((f) => f.removal);
      expect(removals.map((f) => enclosingFunction(source, f.line))).toEqual([allowed.inFunction]);
    }
  });
});
