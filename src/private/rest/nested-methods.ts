import { createHash } from 'crypto';
import { Lazy, NestedStack, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { fail, isToken, show } from '../errors';
import { isPathPart } from '../routes';

/*
 * `methodsInNestedStacks`: the API's resources and methods in nested stacks that the construct
 * makes and names, so that an API can hold more methods than one stack's 500 resources allow.
 *
 * The parent stack keeps the REST API, its root (and the root's CORS preflight), the authorizer,
 * the request validator, the gateway responses, the deployment and the stage; each nested stack
 * imports the API (and, for a split group, the group's first resource) and adds a subtree of
 * resources to it. What a nested stack uses from the parent reaches it as a parameter of the
 * nested stack, never as an export.
 *
 * Where a method goes depends on its path alone (and the number of stacks its first segment is
 * given), never on the other methods nor on the order of `addMethod` calls (addMethod returns the
 * method at once, so where it lives cannot wait for the group's final size): the path's first
 * segment names the group, which has one stack unless `nestedStacksPerFirstSegment` gives it more;
 * then a path with a second segment goes to one of the group's stacks, picked by a hash of that
 * second segment. Adding or removing methods under one first segment therefore never moves a
 * method under another, nor even a method under another second segment.
 *
 * One stack per group unless asked for more, because every nested stack costs: a template to
 * resolve, write and upload, parameters, and about 10% more synth time at 1,000 methods with four
 * stacks a group instead of one (docs/BENCHMARKS.md).
 *
 * Sources: aws-cdk's README ("Breaking up Methods and Resources across Stacks") and the issues
 * its users report: the stage does not redeploy when a nested stack's methods change
 * (aws/aws-cdk#12417), imported APIs lose CORS preflight (aws/aws-cdk#29079), resources of a
 * nested stack under a parent made elsewhere land in the parent's stack (aws/aws-cdk#11014).
 */

/** The most nested stacks one first segment's methods may be spread over. */
export const MAX_STACKS_PER_SEGMENT = 10;

/**
 * Checks `nestedStacksPerFirstSegment` and gives it as a map (a segment not in it has one stack).
 *
 * @param stacksPerSegment the prop as given
 * @param methodsInNestedStacks whether methods go into nested stacks at all
 */
export function validateNestedStacksPerFirstSegment(
  stacksPerSegment: { [firstSegment: string]: number }, methodsInNestedStacks: boolean): Map<string, number> {
  const entries = Object.entries(stacksPerSegment);
  if (entries.length > 0 && !methodsInNestedStacks) {
    fail(`nestedStacksPerFirstSegment ${show(stacksPerSegment)} is set, but methodsInNestedStacks is not true: `
      + 'set methodsInNestedStacks: true, or drop nestedStacksPerFirstSegment');
  }
  for (const [segment, stacks] of entries) {
    if (isToken(segment) || !isPathPart(segment)) {
      fail(`nestedStacksPerFirstSegment key ${show(segment)} is invalid: name a first segment as paths have it, `
        + 'without slashes (e.g. "v1" for /v1/...): letters, digits and ._-:$, or a {parameter}');
    }
    if (isToken(stacks) || !Number.isInteger(stacks) || stacks < 1 || stacks > MAX_STACKS_PER_SEGMENT) {
      fail(`nestedStacksPerFirstSegment[${show(segment)}] ${show(stacks)} is invalid: give a whole number of nested `
        + `stacks from 1 to ${MAX_STACKS_PER_SEGMENT}, known at synth`);
    }
  }
  return new Map(entries);
}

/** Where a path's resources and methods live: a first segment's group and one of its buckets. */
export interface Placement {
  /** The path's first segment. */
  readonly group: string;
  /** 0 for the group's own stack (the first segment's resource and its methods), up to `stacks - 1`. */
  readonly bucket: number;
  /** How many stacks the group has. */
  readonly stacks: number;
}

/**
 * The placement of a path from its parts; undefined for the root, which stays in the parent stack.
 *
 * @param stacks how many stacks the path's first segment has
 * @param hash the hash of a second segment (`pathHash`, or a memo of it)
 */
export function placementOf(parts: readonly string[], stacks = 1, hash: (text: string) => number = pathHash): Placement | undefined {
  if (parts.length === 0) {
    return undefined;
  }
  return { group: parts[0], bucket: parts.length === 1 || stacks === 1 ? 0 : hash(parts[1]) % stacks, stacks };
}

/** The construct id of a placement's nested stack: `Methods[orders]`, `Methods[orders]2`. */
export function stackIdOf(placement: { readonly group: string; readonly bucket: number }): string {
  // `[` and `]` are never in a path part, so two groups never share an id.
  return `Methods[${placement.group}]${placement.bucket === 0 ? '' : placement.bucket}`;
}

/** The first 32 bits of a string's SHA-256, as a number: stable across runs, releases and platforms. */
export function pathHash(text: string): number {
  return createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0);
}

/** One nested stack and the API as seen from inside it. */
interface MethodStack {
  readonly stack: NestedStack;
  readonly placement: Placement;
  /** The group's first resource (`/orders`): made here in the group's own stack, imported in its other buckets. */
  readonly groupResource: apigateway.IResource;
  /** The resources of the second segments whose subtrees this stack holds, by part. */
  readonly subtrees: Map<string, apigateway.IResource>;
}

/** The nested stacks of one API, made as its paths ask for them. */
export class NestedMethodStacks {
  private readonly stacks = new Map<string, MethodStack>();
  /** Each group's first resource (`/orders`), which the group's other buckets hang from. */
  private readonly groupResources = new Map<string, apigateway.IResource>();
  /** `pathHash` of each second segment seen: the methods of one path share it. */
  private readonly hashes = new Map<string, number>();

  /**
   * @param owner where the nested stacks are made (the construct, in the parent stack)
   * @param api the REST API in the parent stack
   * @param stacksPerSegment how many stacks each first segment has (1 when not in it)
   */
  constructor(private readonly owner: Construct, private readonly api: apigateway.RestApi,
    private readonly stacksPerSegment: ReadonlyMap<string, number> = new Map()) {
    const deployment = api.latestDeployment;
    if (deployment) {
      // aws-cdk-lib's methods add themselves to the deployment's logical id only in the API's own
      // stack: the methods of every nested stack go in here, so that any change redeploys the stage.
      // aws-cdk-lib resolves the deployment's logical id each time something refers to it: the
      // definitions are resolved once, here, into a digest.
      let digest: string | undefined;
      deployment.addToLogicalId({
        nestedMethods: Lazy.string({
          produce: () => (digest ??= createHash('sha256')
            .update(JSON.stringify(Stack.of(api).resolve(this.methodDefinitions())))
            .digest('hex')),
        }),
      });
    }
  }

  /** The resource for `parts` (the path's parts, not the root's), in the nested stack its path picks. */
  public resourceFor(parts: readonly string[]): apigateway.IResource {
    const placement = placementOf(parts, this.stacksPerSegment.get(parts[0]) ?? 1, (text) => this.hashOf(text))!;
    const { groupResource, subtrees } = this.stackFor(placement);
    if (parts.length === 1) {
      return groupResource;
    }
    let subtree = subtrees.get(parts[1]);
    if (!subtree) {
      // Made with the API's CORS preflight, which its children inherit: an imported resource
      // knows none (aws/aws-cdk#29079).
      subtree = groupResource.getResource(parts[1])
        ?? groupResource.addResource(parts[1], { defaultCorsPreflightOptions: this.api.root.defaultCorsPreflightOptions });
      subtrees.set(parts[1], subtree);
    }
    return parts.length === 2 ? subtree : subtree.resourceForPath(parts.slice(2).join('/'));
  }

  /** The nested stacks made so far, with the group and bucket each holds. */
  public get placements(): Array<{ stack: NestedStack; placement: Placement }> {
    return [...this.stacks.values()].map(({ stack, placement }) => ({ stack, placement }));
  }

  private hashOf(text: string): number {
    let hash = this.hashes.get(text);
    if (hash === undefined) {
      hash = pathHash(text);
      this.hashes.set(text, hash);
    }
    return hash;
  }

  private stackFor(placement: Placement): MethodStack {
    const id = stackIdOf(placement);
    const existing = this.stacks.get(id);
    if (existing) {
      return existing;
    }
    // A bucket hangs from its group's first resource, which lives in the group's own stack.
    const importedFrom = placement.bucket === 0 ? undefined : this.groupResource(placement.group);
    const stack = new NestedStack(this.owner, id, {
      // The first stack's description names no part: it holds the first segment itself.
      description: `Methods under /${placement.group}${placement.bucket === 0 ? '' : ` (part ${placement.bucket + 1} of ${placement.stacks})`} of ${this.api.node.path}`,
    });
    // Imported inside the nested stack, so that the resources made from it are the nested stack's
    // own (aws/aws-cdk#11014); the ids reach the nested stack as parameters.
    const imported = apigateway.RestApi.fromRestApiAttributes(stack, 'Api', {
      restApiId: this.api.restApiId,
      rootResourceId: this.api.restApiRootResourceId,
    });
    // Imported resources know no CORS preflight (aws/aws-cdk#29079): the group's first resource
    // gets the API's own, which its children inherit.
    let groupResource: apigateway.IResource;
    if (importedFrom === undefined) {
      groupResource = imported.root.addResource(placement.group, {
        defaultCorsPreflightOptions: this.api.root.defaultCorsPreflightOptions,
      });
      this.groupResources.set(placement.group, groupResource);
    } else {
      groupResource = apigateway.Resource.fromResourceAttributes(stack, 'Group', {
        restApi: imported,
        resourceId: importedFrom.resourceId,
        path: importedFrom.path,
      });
    }
    // The stage's deployment comes once every method of the nested stack is there.
    this.api.latestDeployment?.node.addDependency(stack);
    const made = { stack, placement, groupResource, subtrees: new Map<string, apigateway.IResource>() };
    this.stacks.set(id, made);
    return made;
  }

  private groupResource(group: string): apigateway.IResource {
    const known = this.groupResources.get(group);
    if (known) {
      return known;
    }
    this.stackFor({ group, bucket: 0, stacks: this.stacksPerSegment.get(group) ?? 1 });
    return this.groupResources.get(group)!;
  }

  /**
   * What defines each method of the nested stacks, by path and method, in a stable order: what
   * aws-cdk-lib hashes for a method of the API's own stack (its CloudFormation properties), read
   * from each method's resource.
   */
  private methodDefinitions(): unknown[] {
    const methods: Array<{ key: string; definition: unknown }> = [];
    for (const { stack } of this.stacks.values()) {
      for (const child of stack.node.findAll()) {
        if (child instanceof apigateway.Method) {
          const cfn = child.node.defaultChild as apigateway.CfnMethod;
          const key = `${child.httpMethod} ${child.resource.path}`;
          methods.push({
            key,
            definition: {
              key,
              authorizationType: cfn.authorizationType,
              authorizerId: cfn.authorizerId,
              authorizationScopes: cfn.authorizationScopes,
              apiKeyRequired: cfn.apiKeyRequired,
              operationName: cfn.operationName,
              requestParameters: cfn.requestParameters,
              requestModels: cfn.requestModels,
              requestValidatorId: cfn.requestValidatorId,
              integration: cfn.integration,
              methodResponses: cfn.methodResponses,
            },
          });
        }
      }
    }
    methods.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return methods.map((m) => m.definition);
  }
}
