import { DependencyType, JsonFile, awscdk, javascript } from 'projen';

/** Newest aws-cdk-lib we develop and test against; users may use anything from `cdkVersion` up. */
const CDK_DEV_VERSION = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-cognito-protected-api',
  description:
    'An AWS CDK construct for an API Gateway REST API protected by Amazon Cognito OAuth 2.0 scopes: ' +
    'user pool, resource server, authorization-code app client, hosted login domain and authorizer in one.',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'cognito', 'oauth2', 'api-gateway', 'authorization-code', 'pkce'],
  author: 'cdk-cognito-protected-api contributors',
  authorAddress: 'maintainers@cdk-cognito-protected-api.invalid',
  repositoryUrl: 'https://github.com/cdk-cognito-protected-api/cdk-cognito-protected-api.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // The floor users need: 2.257.0 brings Validations.of(...).acknowledge(), which cdk-nag v3 uses.
  // Acknowledging a single cdk-nag finding (e.g. 'AwsSolutions-IAM5[Resource::...]') needs 2.270.0;
  // on older releases the construct says so in a warning instead (src/private/acknowledgements.ts).
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // The layout this project wants: the development tsconfig at the top, not under test/.
  tsconfigDevFile: 'tsconfig.dev.json',
  // eslint lints every file against tsconfig.dev.json; typescript-eslint's project service would
  // look for the nearest tsconfig.json instead, which only covers src/.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'example', 'scripts', 'bench', 'projenrc', '.projenrc.ts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },

  // Handlers the construct ships (src/*.lambda.ts, e.g. the pre token generation trigger) are bundled
  // with esbuild into assets/ before the jsii compile, and run on this runtime; assets/ ships in the
  // npm package, and from there in every language's package.
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
  },

  jestOptions: {
    jestConfig: {
      // Each file synthesizes CDK apps; two workers match the two cores CI has.
      maxWorkers: 2,
      testTimeout: 60_000,
      // The web app and the end-to-end harness are packages of their own (see the e2e task).
      modulePathIgnorePatterns: ['<rootDir>/example/web/', '<rootDir>/test/e2e/'],
    },
  },

  // Develop and test against the newest aws-cdk-lib, so that its built-in CloudFormation template
  // validation runs over our templates; the peer dependency keeps the lower floor above.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    `aws-cdk-lib@${CDK_DEV_VERSION}`,
    'cdk-nag@^3.0.2',
    // Pinned: the snapshot holds the assertion handler's asset hash, which moves with this version.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
    // Property-based tests (test/property/, the trigger handler's) and the fuzz task (scripts/fuzz.ts).
    'fast-check@^4',
    // The CDK CLI for the example app (example/cdk.json: `npx cdk synth` or `npx cdk deploy` there). It must
    // read the cloud assembly schema that aws-cdk-lib writes (55 for 2.276); integ-runner's own copy reads 53.
    'aws-cdk@^2.1148.1',
    // The README's and a test's hand-off of the construct's metrics to its monitorCustom (issue 22).
    'cdk-monitoring-constructs@^10.2.0',
    // The OpenAPI document (issue #23): a validator and a linter (Spectral's `spectral:oas` rules) accept it.
    '@readme/openapi-parser@^9.0.0',
    '@stoplight/spectral-core@^1.24.1',
    '@stoplight/spectral-rulesets@^1.23.1',
    '@stoplight/spectral-parsers@^1.0.5',
  ],
  gitignore: ['cdk.out', '*.snapshot/**/asset.*', '.venv', '/tmp', '/example/web/dist/', '/example/web/public/config.json'],

  // The other four CDK languages. Each name follows its own ecosystem's habits; they all say
  // "cdk cognito protected api", so a user finds the same library under the same words.
  publishToPypi: {
    distName: 'cdk-cognito-protected-api',
    module: 'cdk_cognito_protected_api',
  },
  publishToMaven: {
    // `io.github.<github org>` is the group Maven Central grants to the owner of a GitHub org.
    mavenGroupId: 'io.github.cdk-cognito-protected-api',
    mavenArtifactId: 'cdk-cognito-protected-api',
    // Java packages cannot hold hyphens, and `protected` is a Java keyword, so one plain word.
    javaPackage: 'io.github.cdkcognitoprotectedapi',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkCognitoProtectedApi',
    packageId: 'CdkCognitoProtectedApi',
  },
  publishToGo: {
    // The usual layout: the generated Go code lives in its own repository next to this one.
    moduleName: 'github.com/cdk-cognito-protected-api/cdk-cognito-protected-api-go',
    packageName: 'cdkcognitoprotectedapi',
  },
});

// projen's jsii compile silences the reserved-word warning; we want it: a prop or method whose name
// is a keyword in Python, Java, C# or Go reads badly (or is renamed) in that language. Fail on it.
project.compileTask.reset('jsii --fail-on-warnings');
project.watchTask.reset('jsii -w');

// The constructs floor, as a dev dependency (the library's AwsCdkDeps drops the one in devDeps).
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);

// Only lib/, the jsii assembly, README and LICENSE belong in the npm package.
project.npmignore?.exclude('/example/', '/scripts/', '/.ci/', '/docs/', '/cdk.out/', '/rosetta/', '/bench/');

// The consumer apps import the library by its package name: type-check them against src/.
project.tsconfigDev.file.addOverride('compilerOptions.paths', { 'cdk-cognito-protected-api': ['./src'] });

// TypeScript's `**/*.ts` skips dot-files: lint .projenrc.ts with the same settings too.
project.tsconfigDev.addInclude('.projenrc.ts');

// Editors open the nearest tsconfig.json: point the ones in test/ and example/ at tsconfig.dev.json,
// so that tests, the example, scripts and the benchmark get the same settings (and jest's types) as jest and eslint use.
for (const dir of ['test', 'example', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.dev.json' },
  });
}

// Every `ts` block of the README must compile, in the scope rosetta/default.ts-fixture gives it. The
// tablet it writes (.jsii.tabl.json) is what jsii-pacmak uses to show the README in Python, Java,
// C# and Go, so it runs before packaging.
project.postCompileTask.exec('jsii-rosetta extract --strict');
// The README hands the metrics to cdk-monitoring-constructs: rosetta compiles that block against it.
project.package.addField('jsiiRosetta', { exampleDependencies: { 'cdk-monitoring-constructs': '^10.2.0' } });
project.gitignore.exclude('.jsii.tabl.json');
project.addPackageIgnore('/rosetta/');
// The fixture's globals must not leak into the tests' and the example's type checking.
project.tsconfigDev.addExclude('rosetta');
// test/readme-blocks.test.ts writes each README block as a file under cdk.out: compiled by that test alone.
project.tsconfigDev.addExclude('cdk.out');

// Every language's package: see "Packages and CI" below (package-all, package:languages).

// The example web app (example/web) and the end-to-end harness (test/e2e) are npm packages of their own,
// with their own lock files: their dependencies (React, Vite, oidc-provider, Playwright) stay out of the
// library's package.json, its jsii build and its users' installs. Keep the library's tsc, eslint and jest
// out of them; each type-checks itself (`npm run build` there, `npm run typecheck` here).
project.tsconfigDev.addExclude('example/web');
project.tsconfigDev.addExclude('test/e2e');
project.eslint?.addIgnorePattern('example/web/');
project.eslint?.addIgnorePattern('test/e2e/');

// ---- Packages and CI (issue #18): shared templates ----
// scripts/synth-templates.ts synthesizes every template the checks read (the example, the maximal and
// every-feature APIs, cfn-lint's generated sample, the integration tests' assemblies) once, into
// cdk.out/ci-templates. Run alone, cfn-lint, checkov, integ and e2e synthesize them first; .ci/run
// synthesizes once and sets CI_TEMPLATES_READY=1, so they read what is there.
const UNLESS_TEMPLATES_READY = 'node -e "process.exit(process.env.CI_TEMPLATES_READY ? 1 : 0)"';
project.addTask('templates', {
  description: 'Synthesize every template the checks read (example, maximal, HTTP, every feature, generated, integ) into cdk.out/ci-templates',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/synth-templates.ts',
});
// ---- end of shared templates ----

// The end-to-end test (issue #15): the example web app, built, signs in and calls the API in headless
// Chromium, against a local OpenID provider and API that test/e2e stands up from the example stack's
// synthesized template; then copies of the template with one thing broken must make the flow fail. The
// same against a stack that allows the app on two origins (example/two-origins.ts, into cdk.out/ci-templates/two-origins),
// and against the HTTP API front (issue #20: example/http-api.ts, into cdk.out/ci-templates/example-http).
// Then Swagger UI (swagger-ui-dist) with the example's OpenAPI document (issue #23) authorizes and calls the API through the
// same stand-ins, and broken copies of the document must fail. Screenshots go to test-reports/e2e/. Needs `chromium` on the PATH
// (Debian: apt-get install chromium).
// The synth skips CDK's built-in template validation (the build runs it): it does not change the template.
project.addTask('e2e', {
  description: 'Build the example web app and test its sign-in flow (and the OpenAPI document in Swagger UI) in headless Chromium against stand-ins derived from the synthesized template',
  env: { CDK_VALIDATION: 'false' },
  steps: [
    { exec: 'npm ci --prefix example/web --no-audit --no-fund --prefer-offline --loglevel=error' },
    { exec: 'npm run build --prefix example/web' },
    { exec: 'npm ci --prefix test/e2e --no-audit --no-fund --prefer-offline --loglevel=error' },
    { exec: 'npm run typecheck --prefix test/e2e' },
    // The stand-ins' own tests (the mapping template subset), before they stand in for anything.
    { exec: 'npm test --prefix test/e2e' },
    // The example's templates (its stack, the one on two origins, the HTTP API one), from cdk.out/ci-templates (see the templates task).
    { spawn: 'templates', condition: UNLESS_TEMPLATES_READY },
    { exec: 'npm start --prefix test/e2e' },
  ],
});

// The consumer test (test/consumers/run.sh): the tutorial's app from the built wheel and Go module
// must synthesize the same template as from the npm package. Needs package-all first.
project.addTask('test:consumers', {
  description: 'Synthesize the tutorial app in Python, Go and Java from the built packages; fail unless the templates equal TypeScript\'s',
  exec: 'bash test/consumers/run.sh',
});

// The main job: synthesize the example app (the tutorial's setup) into cdk.out, no AWS account needed.
project.addTask('example', {
  description: 'Synthesize the example protected API into cdk.out and print its outputs',
  exec: 'ts-node --project tsconfig.dev.json example/main.ts',
});

// A user's view: a fresh CDK app installs the packed tarball with the newest aws-cdk-lib and with
// the floor, copies the README's smallest examples (REST and HTTP) and synthesizes them under cdk-nag.
project.addTask('test:readme-consumer', {
  description: 'Synthesize the README example from the packed tarball in fresh CDK apps, under cdk-nag',
  exec: 'bash test/consumers/readme/run.sh',
});

// The integration test: integ-runner deploys it for anyone with an AWS account; here (no AWS) the
// check is that the code still synthesizes the committed snapshot. integ-runner 2.197 cannot read
// the cloud assembly schema of aws-cdk-lib 2.270+, so scripts/integ-snapshots.ts does the comparison.
// In CI the assemblies come from the templates task; alone, the script synthesizes them itself.
project.addTask('integ', {
  description: 'Check that test/integ.*.ts still synthesize their committed snapshots (no deploy)',
  steps: [
    { exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/integ-snapshots.ts check', condition: UNLESS_TEMPLATES_READY },
    {
      exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/integ-snapshots.ts check --assemblies cdk.out/ci-templates/integ',
      condition: 'node -e "process.exit(process.env.CI_TEMPLATES_READY ? 0 : 1)"',
    },
  ],
});
project.addTask('integ:update', {
  description: 'Rewrite the snapshots of test/integ.*.ts without deploying (commit the result)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/integ-snapshots.ts update',
});

// checkov (issue #14): the default and the maximal template, of the REST and of the HTTP construct,
// must pass every check, or skip it with a comment on the construct's own resource. checkov comes from PyPI into a virtual environment in
// the user's cache folder (~/.cache/cdk-cognito-protected-api/venv), never into the project.
project.addTask('checkov', {
  description: 'Run checkov over the default and the maximal templates (REST and HTTP); fail on a failed check or a skip without a comment',
  steps: [
    { spawn: 'templates', condition: UNLESS_TEMPLATES_READY },
    { exec: 'bash scripts/checkov.sh' },
  ],
});

// Property-based fuzzing (issue #10): generated valid props must synthesize what they ask for with
// CDK's template validation finding nothing, and each single broken rule must fail with an Error
// that names the prop. jest runs a few hundred cases (test/property/); this runs as many as asked.
project.addTask('fuzz', {
  description: 'Run N generated cases (default 10000) through the construct; options: --runs N, --seed S, --batch B, --workers W, --no-validation, --http (the HTTP construct)',
  steps: [
    { exec: 'tsc --noEmit --project tsconfig.dev.json' },
    { exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/fuzz.ts', receiveArgs: true },
  ],
});

// cfn-lint (from PyPI, in a virtual environment in the user's cache folder) over the example's
// template, the maximal API's, the HTTP construct's default and maximal ones, one more with every feature on and a sample of generated ones; fails on any error.
project.addTask('cfn-lint', {
  description: 'Lint the example template, templates with every feature on and generated ones with cfn-lint (installs it into ~/.cache/cdk-cognito-protected-api/venv)',
  steps: [
    { spawn: 'templates', condition: UNLESS_TEMPLATES_READY },
    { exec: 'bash scripts/cfn-lint.sh', receiveArgs: true },
  ],
});

// Synth-time benchmark (issue #7): the construct against the same API by hand, written to docs/BENCHMARKS.md.
// Not part of the build: it takes minutes, and timings belong in a benchmark, not in tests.
// Type-check first, then run without ts-node's type-checker, which would keep ~800 MB of compiler
// state in the heap and slow every synth it times.
project.addTask('bench', {
  description: 'Benchmark synth time and template size of the construct against the same API by hand; writes docs/BENCHMARKS.md (options: see bench/synth-benchmark.ts)',
  steps: [
    { exec: 'tsc --noEmit --project tsconfig.dev.json' },
    { exec: 'ts-node --transpile-only --project tsconfig.dev.json bench/synth-benchmark.ts', receiveArgs: true },
  ],
});

// Mutation testing (issue #26): StrykerJS mutates the authorization path (the trigger's handler and
// the user-group code that writes its map) and runs their tests against each mutant; a mutant the
// tests do not notice is a behaviour nothing pins. Fails under a 95% score. Needs Node 22 or newer.
// The survivors that are equivalent (no test can tell them apart) are listed in the README.
project.addDevDeps('@stryker-mutator/core@10.0.0', '@stryker-mutator/jest-runner@10.0.0');
new JsonFile(project, 'stryker.config.json', {
  obj: {
    packageManager: 'npm',
    testRunner: 'jest',
    mutate: ['src/pre-token-generation.lambda.ts', 'src/private/auth/user-groups.ts'],
    jest: {
      projectType: 'custom',
      enableFindRelatedTests: false,
      config: {
        testMatch: ['<rootDir>/test/pre-token-generation.lambda.test.ts', '<rootDir>/test/private/auth/user-groups.test.ts'],
        collectCoverage: false,
        reporters: ['default'],
      },
    },
    coverageAnalysis: 'perTest',
    concurrency: 2,
    timeoutMS: 30_000,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: 'test-reports/mutation/mutation.html' },
    jsonReporter: { fileName: 'test-reports/mutation/mutation.json' },
    thresholds: { high: 98, low: 95, break: 95 },
    tempDirName: '.stryker-tmp',
    ignorePatterns: ['/example/web', '/test/e2e', '/dist', '/cdk.out', '/test-reports', '/coverage', '/.venv', '/lib'],
  },
});
project.gitignore.exclude('/.stryker-tmp/');
project.addPackageIgnore('/stryker.config.json');
project.addTask('mutation', {
  description: 'Mutation-test the authorization path (trigger handler and user-group code) with StrykerJS; fails under a 95% score',
  steps: [
    { spawn: 'bundle' },
    { exec: 'stryker run' },
  ],
});

// ---- Packages and CI (issue #18) ----
// The npm package holds what users need and nothing else, whatever tools leave in the project
// folder (virtual environments, caches, reports, built web apps, nested node_modules): an
// allow-list, to which npm adds package.json, README.md and LICENSE. The .npmignore above still
// applies inside these paths. scripts/check-package.ts checks every package against it.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', 'assets/**/*.js', '.jsii', '.jsii.tabl.json', 'API.md']);
project.npmignore?.exclude('/.venv/', '/test-reports/');

// Every other language from the npm tarball the build packed (dist/js): one jsii-pacmak call for
// Python, Java and Go (and .NET where its SDK is installed; without it, a second call generates the
// C# sources only, so that C# naming problems show up). Both copy that tarball instead of packing
// the project again. package:js runs once: in the build's package step (CI) or first in package-all.
const packageLanguages = project.addTask('package:languages', {
  description: 'Build the Python, Java and Go (and .NET, or only its sources without an SDK) packages from the npm tarball in dist/js, without packing it again',
  exec: 'bash scripts/package-languages.sh',
});
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
packageAll.spawn(packageLanguages);

// What every package holds, against its allow-list and a 1 MB budget; and what `npm pack` would pack now.
project.addTask('check-package', {
  description: 'Check the npm tarball, wheel, sdist, jar and Go module in dist/ against their allow-lists and a 1 MB budget, and what npm would pack now',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/check-package.ts',
  receiveArgs: true,
});

// The build type-checks src/ (jsii) and the tests (ts-jest); this covers the rest (the example,
// scripts, the integration test apps, the benchmark), which the tasks then run without type-checking.
project.addTask('typecheck', {
  description: 'Type-check everything tsconfig.dev.json covers (tests, scripts, example, benchmark) without emitting',
  exec: 'tsc --noEmit --project tsconfig.dev.json',
});
// ---- end of packages and CI ----

project.synth();
