import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  GO_RULES, JAR_RULES, MEGABYTE, NPM_RULES, PackageEntry, WHEEL_RULES,
  checkDist, checkEntries, checkPackage, npmEntries, readFolder, readTar, readZip,
} from '../../scripts/check-package';

/** The files a clean npm tarball of this library holds. */
const CLEAN_NPM = [
  'package.json', 'README.md', 'LICENSE', 'API.md', '.jsii', '.jsii.tabl.json',
  'lib/index.js', 'lib/index.d.ts', 'lib/private/routes.js', 'lib/private/routes.d.ts',
  'assets/pre-token-generation.lambda/index.js',
];
const entries = (paths: string[]): PackageEntry[] => paths.map((p) => ({ path: p, size: 100 }));

describe('checkEntries (the npm allow-list)', () => {
  test('passes a clean file list under the budget', () => {
    const report = checkEntries('clean.tgz', entries(CLEAN_NPM), 250 * 1024, NPM_RULES);
    expect(report.problems).toEqual([]);
  });

  test('fails when a virtual environment got in', () => {
    const report = checkEntries('dirty.tgz', entries([...CLEAN_NPM, '.venv/bin/python', '.venv/checkov/pyvenv.cfg']), 250 * 1024, NPM_RULES);
    expect(report.problems).toEqual([
      '.venv/bin/python is not allowed in the npm tarball',
      '.venv/checkov/pyvenv.cfg is not allowed in the npm tarball',
    ]);
  });

  test.each([
    'test-reports/junit.xml', 'example/web/dist/index.html', 'lib/index.ts', 'lib/tsconfig.tsbuildinfo',
    'cdk.out/ci-templates/example/AwesomeApiStack.template.json', 'test/e2e/node_modules/jose/package.json',
    'src/index.ts', '.cache/x', 'assets/pre-token-generation.lambda/index.js.map',
  ])('fails on %s', (file) => {
    const report = checkEntries('dirty.tgz', entries([...CLEAN_NPM, file]), 1000, NPM_RULES);
    expect(report.problems).toEqual([`${file} is not allowed in the npm tarball`]);
  });

  test('fails over the 1 MB budget', () => {
    const report = checkEntries('big.tgz', entries(CLEAN_NPM), MEGABYTE, NPM_RULES);
    expect(report.problems).toEqual(['the npm tarball is 1024.0 KiB, over its budget of 1024.0 KiB']);
  });

  test('fails when a file it must have is missing', () => {
    const report = checkEntries('empty.tgz', entries(CLEAN_NPM.filter((p) => !p.startsWith('assets/'))), 1000, NPM_RULES);
    expect(report.problems).toEqual(['the npm tarball has no file matching /^assets\\/[^/]+\\/index\\.js$/']);
  });

  test('lists twenty files outside and counts the rest', () => {
    const venv = Array.from({ length: 25 }, (_, i) => `.venv/lib/f${i}.py`);
    const report = checkEntries('dirty.tgz', entries([...CLEAN_NPM, ...venv]), 1000, NPM_RULES);
    expect(report.problems).toHaveLength(21);
    expect(report.problems[20]).toBe('... and 5 more files outside the npm tarball\'s allow-list');
  });
});

describe('the other languages\' allow-lists', () => {
  test('the wheel may hold the module and its metadata, not a virtual environment', () => {
    const wheel = entries([
      'cdk_cognito_protected_api/__init__.py', 'cdk_cognito_protected_api/py.typed',
      'cdk_cognito_protected_api/_jsii/__init__.py', 'cdk_cognito_protected_api/_jsii/cdk-cognito-protected-api@0.0.0.jsii.tgz',
      'cdk_cognito_protected_api-0.0.0.dist-info/METADATA', 'cdk_cognito_protected_api-0.0.0.dist-info/RECORD',
    ]);
    expect(checkEntries('w.whl', wheel, 1000, WHEEL_RULES).problems).toEqual([]);
    expect(checkEntries('w.whl', [...wheel, { path: 'cdk_cognito_protected_api/.venv/bin/python', size: 1 }], 1000, WHEEL_RULES).problems)
      .toEqual(['cdk_cognito_protected_api/.venv/bin/python is not allowed in the Python wheel']);
  });

  test('the jar may hold classes of the library\'s package only', () => {
    const jar = entries(['META-INF/MANIFEST.MF', 'io/github/cdkcognitoprotectedapi/ProtectedApiWithCognito.class',
      'io/github/cdkcognitoprotectedapi/cdk-cognito-protected-api@0.0.0.jsii.tgz']);
    expect(checkEntries('a.jar', jar, 1000, JAR_RULES).problems).toEqual([]);
    expect(checkEntries('a.jar', [...jar, { path: 'com/other/Thing.class', size: 1 }], 1000, JAR_RULES).problems)
      .toEqual(['com/other/Thing.class is not allowed in the Maven jar']);
  });

  test('the Go module may hold Go sources, go.mod and the embedded tarball', () => {
    const go = entries(['go.mod', 'go.sum', 'main.go', 'ProtectedApiWithCognito.go', 'internal/types.go', 'jsii/jsii.go',
      'jsii/cdk-cognito-protected-api-0.0.0.tgz', 'README.md', 'LICENSE', 'version']);
    expect(checkEntries('go/', go, 1000, GO_RULES).problems).toEqual([]);
    expect(checkEntries('go/', [...go, { path: '.venv/pyvenv.cfg', size: 1 }], 1000, GO_RULES).problems)
      .toEqual(['.venv/pyvenv.cfg is not allowed in the Go module']);
  });
});

describe('reading real archives', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'check-package-'));
  });
  afterEach(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Writes an npm-like tarball (files under package/) made by tar itself; `extra` are added paths. */
  function npmTarball(extra: string[]): string {
    for (const file of [...CLEAN_NPM, ...extra]) {
      const target = path.join(work, 'package', file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `content of ${file}\n`);
    }
    const tarball = path.join(work, 'lib.tgz');
    execFileSync('tar', ['-czf', tarball, '-C', work, 'package']);
    return tarball;
  }

  test('a tarball made by tar with a .venv/ file in it fails, naming the file', () => {
    const tarball = npmTarball(['.venv/bin/python']);
    const data = fs.readFileSync(tarball);
    const report = checkEntries('lib.tgz', npmEntries(data), data.length, NPM_RULES);
    expect(report.files).toBe(CLEAN_NPM.length + 1);
    expect(report.problems).toEqual(['.venv/bin/python is not allowed in the npm tarball']);
  });

  test('a clean tarball passes, and the reader sees every file with its bytes', () => {
    const data = fs.readFileSync(npmTarball([]));
    const files = npmEntries(data);
    expect(files.map((f) => f.path).sort()).toEqual([...CLEAN_NPM].sort());
    expect(files.find((f) => f.path === 'lib/index.js')?.data?.toString()).toBe('content of lib/index.js\n');
    expect(checkEntries('lib.tgz', files, data.length, NPM_RULES).problems).toEqual([]);
  });

  test('reads long paths (pax headers)', () => {
    const long = `lib/${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(60)}.js`;
    const data = fs.readFileSync(npmTarball([long]));
    expect(readTar(data).map((f) => f.path)).toContain(`package/${long}`);
  });

  test('a jar whose embedded npm tarball holds a .venv/ file fails on the embedded one', () => {
    const tarball = npmTarball(['.venv/bin/python']);
    const classes = path.join(work, 'jar', 'io', 'github', 'cdkcognitoprotectedapi');
    fs.mkdirSync(classes, { recursive: true });
    fs.writeFileSync(path.join(classes, 'ProtectedApiWithCognito.class'), 'class');
    fs.copyFileSync(tarball, path.join(classes, 'cdk-cognito-protected-api@0.0.0.jsii.tgz'));
    const jar = path.join(work, 'lib.jar');
    // python3's zipfile writes a deflated zip, as the JDK's jar does.
    execFileSync('python3', ['-m', 'zipfile', '-c', jar, 'io'], { cwd: path.join(work, 'jar') });
    const data = fs.readFileSync(jar);
    const zipEntries = readZip(data);
    expect(zipEntries.map((e) => e.path)).toContain('io/github/cdkcognitoprotectedapi/ProtectedApiWithCognito.class');
    const reports = checkPackage('lib.jar', zipEntries, data.length, JAR_RULES);
    expect(reports.map((r) => [r.name, r.problems])).toEqual([
      ['lib.jar', []],
      ['lib.jar > cdk-cognito-protected-api@0.0.0.jsii.tgz', ['.venv/bin/python is not allowed in the npm tarball']],
    ]);
  });

  test('a Go module folder with a stray file fails', () => {
    const dir = path.join(work, 'go', 'cdkcognitoprotectedapi');
    for (const file of ['go.mod', 'jsii/jsii.go', 'jsii/cdk-cognito-protected-api-0.0.0.tgz', '.venv/bin/python']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), file);
    }
    const files = readFolder(dir);
    const report = checkEntries('go/', files, 100, GO_RULES);
    expect(report.problems).toEqual(['.venv/bin/python is not allowed in the Go module']);
  });

  test('checkDist fails on every missing package', () => {
    const reports = checkDist(path.join(work, 'dist'));
    expect(reports.map((r) => r.problems.length > 0)).toEqual([true, true, true, true, true]);
    expect(reports[0].problems[0]).toMatch(/^expected one npm tarball \(\.tgz\) under .*dist\/js, found 0: none$/);
  });
});
