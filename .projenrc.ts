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

  // The floor users need: 2.257.0 brings Validations.of(...).acknowledge(), which cdk-nag v3 uses, but only
  // 2.270.0 accepts the ids of single cdk-nag findings (e.g. 'AwsSolutions-IAM5[Resource::...]') that the
  // construct acknowledges on its logging role; older versions throw InvalidValidationId.
  cdkVersion: '2.270.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // The layout this project wants: the development tsconfig at the top, not under test/.
  tsconfigDevFile: 'tsconfig.dev.json',
  // eslint lints every file against tsconfig.dev.json; typescript-eslint's project service would
  // look for the nearest tsconfig.json instead, which only covers src/.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'example', 'scripts', 'projenrc', '.projenrc.ts'],
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
  devDeps: [
    `aws-cdk-lib@${CDK_DEV_VERSION}`,
    'cdk-nag@^3.0.2',
    // Pinned: the snapshot holds the assertion handler's asset hash, which moves with this version.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
  ],
  gitignore: ['cdk.out', '*.snapshot/**/asset.*', '.venv', '/tmp'],
});

// The constructs floor, as a dev dependency (the library's AwsCdkDeps drops the one in devDeps).
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);

// Only lib/, the jsii assembly, README and LICENSE belong in the npm package.
project.npmignore?.exclude('/example/', '/scripts/', '/.ci/', '/docs/', '/cdk.out/', '/rosetta/', '/bench/');

// TypeScript's `**/*.ts` skips dot-files: lint .projenrc.ts with the same settings too.
project.tsconfigDev.addInclude('.projenrc.ts');

// Editors open the nearest tsconfig.json: point the ones in test/ and example/ at tsconfig.dev.json,
// so that tests and the example get the same settings (and jest's types) as jest and eslint use.
for (const dir of ['test', 'example', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.dev.json' },
  });
}

// The main job: synthesize the example app (the tutorial's setup) into cdk.out, no AWS account needed.
project.addTask('example', {
  description: 'Synthesize the example protected API into cdk.out and print its outputs',
  exec: 'ts-node --project tsconfig.dev.json example/main.ts',
});

// A user's view: a fresh CDK app installs the packed tarball with the newest aws-cdk-lib and with
// the floor, copies the README's smallest example and synthesizes it under cdk-nag.
project.addTask('consumer:typescript', {
  description: 'Synthesize the README example from the packed tarball in fresh CDK apps, under cdk-nag',
  exec: 'bash test/consumers/typescript/run.sh',
});

// The integration test: integ-runner deploys it for anyone with an AWS account; here (no AWS) the
// check is that the code still synthesizes the committed snapshot. integ-runner 2.197 cannot read
// the cloud assembly schema of aws-cdk-lib 2.270+, so scripts/integ-snapshots.ts does the comparison.
project.addTask('integ', {
  description: 'Check that test/integ.*.ts still synthesize their committed snapshots (no deploy)',
  exec: 'ts-node --project tsconfig.dev.json scripts/integ-snapshots.ts check',
});
project.addTask('integ:update', {
  description: 'Rewrite the snapshots of test/integ.*.ts without deploying (commit the result)',
  exec: 'ts-node --project tsconfig.dev.json scripts/integ-snapshots.ts update',
});

project.synth();
