/**
 * What the packages hold: every file of the npm tarball, the Python wheel and sdist, the Maven jar
 * and the Go module must match that package's allow-list, the files each must have must be there,
 * and each package must stay under its size budget (1 MB). The npm tarball that the wheel, the jar
 * and the Go module embed is checked the same way as the one in dist/js. Then `npm pack --dry-run`
 * runs again in the project as it is now, after every other step has left its files behind
 * (virtual environments, caches, reports, built web apps, nested node_modules), and what it would
 * pack must match the npm allow-list too.
 *
 *   ts-node --transpile-only scripts/check-package.ts [--dist dist] [--no-pack]
 *
 * Prints one line a package and every problem; exits 1 on any problem or a missing package.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** A file inside a package: its path there, its size, and its bytes when the reader kept them. */
export interface PackageEntry {
  readonly path: string;
  readonly size: number;
  readonly data?: Buffer;
}

/** What one kind of package may and must hold. */
export interface PackageRules {
  /** The package's name in messages, e.g. "npm tarball". */
  readonly kind: string;
  /** Every file must match one of these. */
  readonly allowed: readonly RegExp[];
  /** Each of these must match at least one file. */
  readonly required: readonly RegExp[];
  /** The package's size on disk must stay below this. */
  readonly budgetBytes: number;
}

export const MEGABYTE = 1024 * 1024;

/** The npm tarball: the jsii build, the bundled handlers and the documents, nothing else. */
export const NPM_RULES: PackageRules = {
  kind: 'npm tarball',
  allowed: [
    /^lib\/.+\.js$/,
    /^lib\/.+\.d\.ts$/,
    /^assets\/[^/]+\/[^/]+\.js$/,
    /^\.jsii$/,
    /^\.jsii\.tabl\.json$/,
    /^package\.json$/,
    /^README\.md$/,
    /^LICENSE$/,
    /^API\.md$/,
  ],
  required: [/^lib\/index\.js$/, /^lib\/index\.d\.ts$/, /^assets\/[^/]+\/index\.js$/, /^\.jsii$/, /^\.jsii\.tabl\.json$/,
    /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^API\.md$/],
  budgetBytes: MEGABYTE,
};

const PY_MODULE = 'cdk_cognito_protected_api';
const JAVA_PACKAGE = 'io/github/cdkcognitoprotectedapi';
const VERSION = String.raw`\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.-]+)?`;
/** The npm tarball as jsii-pacmak embeds it in the other languages' packages. */
const EMBEDDED_TARBALL = new RegExp(String.raw`cdk-cognito-protected-api[@-]${VERSION}(?:\.jsii)?\.tgz$`);

/** The wheel: the generated module, the embedded tarball, the wheel's metadata. */
export const WHEEL_RULES: PackageRules = {
  kind: 'Python wheel',
  allowed: [
    new RegExp(`^${PY_MODULE}/(?:_jsii/)?__init__\\.py$`),
    new RegExp(`^${PY_MODULE}/py\\.typed$`),
    new RegExp(`^${PY_MODULE}/_jsii/${EMBEDDED_TARBALL.source}`),
    new RegExp(`^${PY_MODULE}-${VERSION}\\.dist-info/(?:METADATA|WHEEL|RECORD|top_level\\.txt|(?:licenses/)?LICENSE|NOTICE)$`),
  ],
  required: [new RegExp(`^${PY_MODULE}/__init__\\.py$`), new RegExp(`^${PY_MODULE}/_jsii/${EMBEDDED_TARBALL.source}`)],
  budgetBytes: MEGABYTE,
};

/** The sdist: the same module under src/, with the files setuptools builds it from. */
export const SDIST_RULES: PackageRules = {
  kind: 'Python sdist',
  allowed: [
    new RegExp(`^[^/]+/src/${PY_MODULE}/(?:_jsii/)?__init__\\.py$`),
    new RegExp(`^[^/]+/src/${PY_MODULE}/py\\.typed$`),
    new RegExp(`^[^/]+/src/${PY_MODULE}/_jsii/${EMBEDDED_TARBALL.source}`),
    new RegExp(`^[^/]+/src/${PY_MODULE}\\.egg-info/(?:PKG-INFO|SOURCES\\.txt|dependency_links\\.txt|requires\\.txt|top_level\\.txt)$`),
    /^[^/]+\/(?:PKG-INFO|setup\.py|setup\.cfg|pyproject\.toml|MANIFEST\.in|README\.md|LICENSE|NOTICE)$/,
  ],
  required: [new RegExp(`^[^/]+/src/${PY_MODULE}/_jsii/${EMBEDDED_TARBALL.source}`), /^[^/]+\/PKG-INFO$/],
  budgetBytes: MEGABYTE,
};

/** The Maven jar: compiled classes, the embedded tarball, the manifest and Maven's metadata. */
export const JAR_RULES: PackageRules = {
  kind: 'Maven jar',
  allowed: [
    /^META-INF\/$/,
    /^META-INF\/(?:MANIFEST\.MF|INDEX\.LIST)$/,
    /^META-INF\/maven\/(?:[^/]+\/){0,2}$/,
    /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.(?:xml|properties)$/,
    /^(?:[^/]+\/)+$/, // directory entries
    new RegExp(`^${JAVA_PACKAGE}/[^/]+\\.class$`),
    new RegExp(`^${JAVA_PACKAGE}/\\$Module\\.txt$`),
    new RegExp(`^${JAVA_PACKAGE}/${EMBEDDED_TARBALL.source}`),
  ],
  required: [new RegExp(`^${JAVA_PACKAGE}/[^/]+\\.class$`), new RegExp(`^${JAVA_PACKAGE}/${EMBEDDED_TARBALL.source}`)],
  budgetBytes: MEGABYTE,
};

/** The Go module: generated Go sources, go.mod, the embedded tarball, the documents. */
export const GO_RULES: PackageRules = {
  kind: 'Go module',
  allowed: [
    /^[^/]+\.go$/,
    /^internal\/[^/]+\.go$/,
    /^jsii\/jsii\.go$/,
    new RegExp(`^jsii/${EMBEDDED_TARBALL.source}`),
    /^go\.(?:mod|sum)$/,
    /^(?:README\.md|LICENSE|NOTICE|version)$/,
  ],
  required: [/^go\.mod$/, /^jsii\/jsii\.go$/, new RegExp(`^jsii/${EMBEDDED_TARBALL.source}`)],
  budgetBytes: MEGABYTE,
};

/** The result of checking one package. */
export interface PackageReport {
  readonly name: string;
  readonly files: number;
  readonly bytes: number;
  readonly problems: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Checks a package's file list and size against its rules. `name` says which package (a file name);
 * `bytes` is the package's own size (the archive, or the sum of the files of a folder).
 */
export function checkEntries(name: string, entries: readonly PackageEntry[], bytes: number, rules: PackageRules): PackageReport {
  const problems: string[] = [];
  const outside = entries.filter((entry) => !rules.allowed.some((pattern) => pattern.test(entry.path)));
  for (const entry of outside.slice(0, 20)) {
    problems.push(`${entry.path} is not allowed in the ${rules.kind}`);
  }
  if (outside.length > 20) {
    problems.push(`... and ${outside.length - 20} more files outside the ${rules.kind}'s allow-list`);
  }
  for (const pattern of rules.required) {
    if (!entries.some((entry) => pattern.test(entry.path))) {
      problems.push(`the ${rules.kind} has no file matching ${pattern}`);
    }
  }
  if (bytes >= rules.budgetBytes) {
    problems.push(`the ${rules.kind} is ${kb(bytes)}, over its budget of ${kb(rules.budgetBytes)}`);
  }
  return { name, files: entries.length, bytes, problems };
}

/** The files of a tar archive (gzipped or not), with their bytes. Reads ustar, pax and GNU long names. */
export function readTar(archive: Buffer): PackageEntry[] {
  const tar = archive[0] === 0x1f && archive[1] === 0x8b ? zlib.gunzipSync(archive) : archive;
  const entries: PackageEntry[] = [];
  const text = (from: number, length: number) => tar.subarray(from, from + length).toString('utf8').replace(/\0.*$/s, '');
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = offset;
    if (tar.subarray(header, header + 512).every((byte) => byte === 0)) {
      break;
    }
    const size = parseInt(text(header + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[header + 156] || 0x30);
    const data = tar.subarray(header + 512, header + 512 + size);
    offset = header + 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      longName = match?.[1];
      continue;
    }
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    const prefix = text(header + 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 100)}` : text(header, 100));
    longName = undefined;
    if (type === '0' || type === '\0' || type === '7') {
      entries.push({ path: name, size, data: Buffer.from(data) });
    }
  }
  return entries;
}

/** The entries of a zip archive (wheel, jar), directories included, with the bytes of each file. */
export function readZip(archive: Buffer): PackageEntry[] {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== 0x06054b50) {
    end--;
  }
  if (end < 0) {
    throw new Error('not a zip archive: no end of central directory record');
  }
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const entries: PackageEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`broken zip archive: no central directory header at ${offset}`);
    }
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : undefined;
    entries.push({ path: name, size, data });
  }
  return entries;
}

/** The files under a folder (the Go module), paths relative to it. */
export function readFolder(dir: string): PackageEntry[] {
  const entries: PackageEntry[] = [];
  const walk = (relative: string) => {
    for (const item of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${item.name}` : item.name;
      if (item.isDirectory()) {
        walk(child);
      } else {
        const data = fs.readFileSync(path.join(dir, child));
        entries.push({ path: child, size: data.length, data });
      }
    }
  };
  walk('');
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}

/** The npm tarball's files without npm's `package/` folder. */
export function npmEntries(tarball: Buffer): PackageEntry[] {
  return readTar(tarball).map((entry) => ({ ...entry, path: entry.path.replace(/^package\//, '') }));
}

/** Checks a package and the npm tarball it embeds (when its rules require one). */
export function checkPackage(name: string, entries: readonly PackageEntry[], bytes: number, rules: PackageRules): PackageReport[] {
  const reports = [checkEntries(name, entries, bytes, rules)];
  for (const embedded of entries.filter((entry) => rules !== NPM_RULES && EMBEDDED_TARBALL.test(entry.path))) {
    if (!embedded.data) {
      reports[0].problems.push(`cannot read ${embedded.path}`);
      continue;
    }
    reports.push(checkEntries(`${name} > ${path.basename(embedded.path)}`, npmEntries(embedded.data), embedded.data.length, NPM_RULES));
  }
  return reports;
}

/** The one file a pattern finds under a folder, or a report saying what is missing. */
function findOne(dir: string, test: (file: string) => boolean, what: string): string | PackageReport {
  const found: string[] = [];
  const walk = (current: string) => {
    if (!fs.existsSync(current)) {
      return;
    }
    for (const item of fs.readdirSync(current, { withFileTypes: true })) {
      const child = path.join(current, item.name);
      if (item.isDirectory()) {
        walk(child);
      } else if (test(child)) {
        found.push(child);
      }
    }
  };
  walk(dir);
  if (found.length === 1) {
    return found[0];
  }
  return { name: what, files: 0, bytes: 0, problems: [`expected one ${what} under ${dir}, found ${found.length}: ${found.join(', ') || 'none'}`] };
}

/** Every package in dist/, checked. */
export function checkDist(dist: string): PackageReport[] {
  const reports: PackageReport[] = [];
  const archive = (dir: string, test: (file: string) => boolean, what: string, rules: PackageRules, read: (data: Buffer) => PackageEntry[]) => {
    const file = findOne(path.join(dist, dir), test, what);
    if (typeof file !== 'string') {
      reports.push(file);
      return;
    }
    const data = fs.readFileSync(file);
    reports.push(...checkPackage(`${dir}/${path.basename(file)}`, read(data), data.length, rules));
  };
  archive('js', (f) => f.endsWith('.tgz'), 'npm tarball (.tgz)', NPM_RULES, npmEntries);
  archive('python', (f) => f.endsWith('.whl'), 'wheel (.whl)', WHEEL_RULES, readZip);
  archive('python', (f) => f.endsWith('.tar.gz'), 'sdist (.tar.gz)', SDIST_RULES, readTar);
  archive('java', (f) => f.endsWith('.jar') && !/-(?:sources|javadoc)\.jar$/.test(f), 'Maven jar (.jar)', JAR_RULES, readZip);
  const goMod = findOne(path.join(dist, 'go'), (f) => path.basename(f) === 'go.mod', 'Go module (go.mod)');
  if (typeof goMod === 'string') {
    const entries = readFolder(path.dirname(goMod));
    reports.push(...checkPackage(path.relative(dist, path.dirname(goMod)) + '/', entries, entries.reduce((sum, e) => sum + e.size, 0), GO_RULES));
  } else {
    reports.push(goMod);
  }
  return reports;
}

/** What `npm pack` would put in the tarball now, from the project as the other steps left it. */
export function checkPackNow(root: string): PackageReport {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * MEGABYTE,
  });
  const [pack] = JSON.parse(out) as Array<{ size: number; files: Array<{ path: string; size: number }> }>;
  return checkEntries('npm pack --dry-run (the project as the other steps left it)', pack.files, pack.size, NPM_RULES);
}

function main(argv: string[]): void {
  const root = path.join(__dirname, '..');
  const i = argv.indexOf('--dist');
  const dist = path.resolve(i >= 0 ? argv[i + 1] : path.join(root, 'dist'));
  const reports = checkDist(dist);
  if (!argv.includes('--no-pack')) {
    reports.push(checkPackNow(root));
  }
  const width = Math.max(...reports.map((r) => r.name.length));
  for (const report of reports) {
    console.log(`${report.problems.length ? 'FAIL' : 'ok  '}  ${report.name.padEnd(width)}  ${String(report.files).padStart(4)} files  ${kb(report.bytes).padStart(10)}`);
    for (const problem of report.problems) {
      console.log(`        ${problem}`);
    }
  }
  const failed = reports.filter((r) => r.problems.length > 0).length;
  console.log(`packages: ${reports.length - failed} passed, ${failed} failed (allow-lists and a ${kb(MEGABYTE)} budget each: scripts/check-package.ts)`);
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2));
}
