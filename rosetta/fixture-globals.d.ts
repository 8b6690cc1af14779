// Names every README snippet may use without importing them, for `rosetta/default.ts-fixture`.
//
// They are globals, declared in this separate file, so that a snippet that does import the same
// name (as the README's examples do, for users to copy) shadows them instead of clashing with
// them, and so that jsii-rosetta, which reads the imports of the fixture itself, writes the
// translated examples with the real Python, Java, C# and Go names rather than these aliases.
import * as cdkLib from 'aws-cdk-lib';
import * as apigatewayLib from 'aws-cdk-lib/aws-apigateway';
import * as cognitoLib from 'aws-cdk-lib/aws-cognito';
import * as lambdaLib from 'aws-cdk-lib/aws-lambda';
import * as constructsLib from 'constructs';
import * as thisLib from '../lib';

declare global {
  export import cdk = cdkLib;
  export import apigateway = apigatewayLib;
  export import cognito = cognitoLib;
  export import lambda = lambdaLib;
  export import App = cdkLib.App;
  export import Duration = cdkLib.Duration;
  export import RemovalPolicy = cdkLib.RemovalPolicy;
  export import Stack = cdkLib.Stack;
  export import Construct = constructsLib.Construct;
  export import ApiScope = thisLib.ApiScope;
  export import ProtectedApiWithCognito = thisLib.ProtectedApiWithCognito;
  export import ProtectedApiWithCognitoProps = thisLib.ProtectedApiWithCognitoProps;
  export import ProtectedMethodOptions = thisLib.ProtectedMethodOptions;
}
