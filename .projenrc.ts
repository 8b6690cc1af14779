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
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // The layout this project wants: the development tsconfig at the top, not under test/.
  tsconfigDevFile: 'tsconfig.dev.json',
  // eslint lints every file against tsconfig.dev.json; typescript-eslint's project service would
  // look for the nearest tsconfig.json instead, which only covers src/.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'example', 'bench', 'projenrc', '.projenrc.ts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },

  jestOptions: {
    jestConfig: {
      // Each file synthesizes CDK apps; two workers match the two cores CI has.
      maxWorkers: 2,
      testTimeout: 60_000,
    },
  },

  // Develop and test against the newest aws-cdk-lib, so that its built-in CloudFormation template
  // validation runs over our templates; the peer dependency keeps the lower floor above.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [`aws-cdk-lib@${CDK_DEV_VERSION}`, 'cdk-nag@^3.0.2'],
  gitignore: ['cdk.out', '*.snapshot/**/asset.*', '.venv', '/tmp'],
});

// The constructs floor, as a dev dependency (the library's AwsCdkDeps drops the one in devDeps).
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);

// TypeScript's `**/*.ts` skips dot-files: lint .projenrc.ts with the same settings too.
project.tsconfigDev.addInclude('.projenrc.ts');

// Editors open the nearest tsconfig.json: point the ones in test/ and example/ at tsconfig.dev.json,
// so that tests, the example and the benchmark get the same settings (and jest's types) as jest and eslint use.
for (const dir of ['test', 'example', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.dev.json' },
  });
}

// The main job: synthesize the example app (the tutorial's setup) into cdk.out, no AWS account needed.
project.addTask('example', {
  description: 'Synthesize the example protected API into cdk.out and print its outputs',
  exec: 'ts-node --project tsconfig.dev.json example/main.ts',
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
project.npmignore?.exclude('/bench/');

project.synth();
