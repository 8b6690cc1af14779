/**
 * Reads a synthesized CloudFormation template the way CloudFormation would, with made-up physical
 * ids: `Ref`, `Fn::GetAtt` and `Fn::Join` resolve to the values each resource type documents
 * (a resource server's `Ref` is its identifier, a domain's its prefix, a stage's its name).
 * Anything else is refused, so the stand-ins never guess.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Resource {
  readonly Type: string;
  readonly Properties?: { [key: string]: Json };
}

export interface Template {
  readonly Resources: { [logicalId: string]: Resource };
  readonly Outputs?: { [key: string]: { Value: Json } };
}

/** The made-up account, and the region of the synthesized example (its `CDK_DEFAULT_REGION` rule). */
export const ACCOUNT = '123456789012';
export const REGION = process.env.CDK_DEFAULT_REGION ?? 'us-east-1';
export const URL_SUFFIX = 'amazonaws.com';

const PSEUDO: { [name: string]: string } = {
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': REGION,
  'AWS::URLSuffix': URL_SUFFIX,
  'AWS::Partition': 'aws',
};

export class ResolvedTemplate {
  constructor(public readonly template: Template) {}

  /** The logical ids of the resources of one type. */
  public ofType(type: string): string[] {
    return Object.keys(this.template.Resources).filter((id) => this.template.Resources[id].Type === type);
  }

  /** One property of a resource, resolved. */
  public prop(logicalId: string, name: string): Json | undefined {
    const value = this.resource(logicalId).Properties?.[name];
    return value === undefined ? undefined : this.resolve(value);
  }

  public resource(logicalId: string): Resource {
    const resource = this.template.Resources[logicalId];
    if (!resource) {
      throw new Error(`the template has no resource ${logicalId}`);
    }
    return resource;
  }

  /** The value of the one output whose key is `<construct path>${name}<hash>`. */
  public output(name: string): Json {
    const keys = Object.keys(this.template.Outputs ?? {}).filter((key) => new RegExp(`${name}[0-9A-F]{8}$`).test(key));
    if (keys.length !== 1) {
      throw new Error(`expected one ${name} output, found ${keys.length}: ${keys.join(', ')}`);
    }
    return this.resolve(this.template.Outputs![keys[0]].Value);
  }

  /** What CloudFormation's `Ref` of a resource gives, with made-up ids where AWS makes them up. */
  public ref(logicalId: string): string {
    if (Object.hasOwn(PSEUDO, logicalId)) {
      return PSEUDO[logicalId];
    }
    const { Type } = this.resource(logicalId);
    switch (Type) {
      case 'AWS::Cognito::UserPool': return `${REGION}_e2e${logicalId.slice(-8)}`;
      case 'AWS::Cognito::UserPoolResourceServer': return this.stringProp(logicalId, 'Identifier');
      case 'AWS::Cognito::UserPoolDomain': return this.stringProp(logicalId, 'Domain');
      case 'AWS::ApiGateway::Stage': return this.stringProp(logicalId, 'StageName');
      case 'AWS::ApiGatewayV2::Stage': return this.stringProp(logicalId, 'StageName');
      default: return `e2e${logicalId.slice(-8).toLowerCase()}`;
    }
  }

  public getAtt(logicalId: string, attribute: string): string {
    const { Type } = this.resource(logicalId);
    if (Type === 'AWS::Cognito::UserPool' && attribute === 'Arn') {
      return `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${this.ref(logicalId)}`;
    }
    if (Type === 'AWS::Cognito::UserPool' && attribute === 'ProviderURL') {
      return `cognito-idp.${REGION}.${URL_SUFFIX}/${this.ref(logicalId)}`;
    }
    if (Type === 'AWS::ApiGateway::RestApi' && attribute === 'RootResourceId') {
      return `${this.ref(logicalId)}-root`;
    }
    if (Type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') {
      return `https://${this.ref(logicalId)}.execute-api.${REGION}.${URL_SUFFIX}`;
    }
    return `e2e-${logicalId}.${attribute}`;
  }

  public stringProp(logicalId: string, name: string): string {
    const value = this.prop(logicalId, name);
    if (typeof value !== 'string') {
      throw new Error(`${logicalId}.${name} is not a string: ${JSON.stringify(value)}`);
    }
    return value;
  }

  public stringsProp(logicalId: string, name: string): string[] {
    const value = this.prop(logicalId, name) ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new Error(`${logicalId}.${name} is not a list of strings: ${JSON.stringify(value)}`);
    }
    return value as string[];
  }

  /** Whether `value` is a `Ref` to the resource `logicalId`. */
  public static isRefTo(value: Json | undefined, logicalId: string): boolean {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && value.Ref === logicalId;
  }

  public resolve(value: Json): Json {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') {
      return this.ref(value.Ref as string);
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
      return this.getAtt(logicalId, attribute);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((part) => {
        const resolved = this.resolve(part);
        if (typeof resolved !== 'string') {
          throw new Error(`Fn::Join of a non-string: ${JSON.stringify(part)}`);
        }
        return resolved;
      }).join(separator);
    }
    if (keys.length === 1 && keys[0].startsWith('Fn::')) {
      throw new Error(`the stand-ins do not model ${keys[0]}: ${JSON.stringify(value)}`);
    }
    return Object.fromEntries(keys.map((key) => [key, this.resolve(value[key])]));
  }
}
