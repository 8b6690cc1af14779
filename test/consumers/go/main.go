// The tutorial's app as a Go user writes it (the REST construct, and the README's smallest HTTP API), against the Go module this project generates
// (dist/go). test/consumers/run.sh builds it in a scratch module that points the library at
// dist/go, runs it and fails unless its template is identical to the TypeScript reference
// (typescript/app.ts). The output directory comes from CDK_OUTDIR.
package main

import (
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-cognito-protected-api/cdk-cognito-protected-api-go/cdkcognitoprotectedapi"
)

func main() {
	defer jsii.Close()

	region, ok := os.LookupEnv("CDK_DEFAULT_REGION")
	if !ok {
		region = "us-east-1"
	}

	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("AwesomeApiStack"), &awscdk.StackProps{
		Env: &awscdk.Environment{Region: jsii.String(region)},
	})

	api := cdkcognitoprotectedapi.NewProtectedApiWithCognito(stack, jsii.String("AwesomeApi"), &cdkcognitoprotectedapi.ProtectedApiWithCognitoProps{
		DomainPrefix:             jsii.String("buraktas-awesome-domain"),
		ResourceServerIdentifier: jsii.String("awesomeapi-resource-server"),
		Scopes: &[]*cdkcognitoprotectedapi.ApiScope{
			{Name: jsii.String("awesomeapi.read"), Description: jsii.String("awesomeapi read scope")},
		},
		CallbackUrls: jsii.Strings("http://localhost:3000/dashboard"),
	})
	api.AddMethod(jsii.String("GET"), jsii.String("/awesomeapi"), &cdkcognitoprotectedapi.ProtectedMethodOptions{
		Scopes: jsii.Strings("awesomeapi.read"),
	})

	httpStack := awscdk.NewStack(app, jsii.String("AwesomeHttpApiStack"), &awscdk.StackProps{
		Env: &awscdk.Environment{Region: jsii.String(region)},
	})
	handler := awslambda.NewFunction(httpStack, jsii.String("Hello"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromInline(jsii.String(`exports.handler = async () => ({ message: "Hello From Protected Resource" });`)),
	})
	httpApi := cdkcognitoprotectedapi.NewProtectedHttpApiWithCognito(httpStack, jsii.String("AwesomeApi"), &cdkcognitoprotectedapi.ProtectedHttpApiWithCognitoProps{
		DomainPrefix:             jsii.String("buraktas-awesome-domain"),
		ResourceServerIdentifier: jsii.String("awesomeapi-resource-server"),
		Scopes: &[]*cdkcognitoprotectedapi.ApiScope{
			{Name: jsii.String("awesomeapi.read"), Description: jsii.String("awesomeapi read scope")},
		},
		CallbackUrls: jsii.Strings("http://localhost:3000/dashboard"),
	})
	httpApi.AddRoute(jsii.String("GET"), jsii.String("/awesomeapi"), &cdkcognitoprotectedapi.ProtectedRouteOptions{
		Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("HelloIntegration"), handler, nil),
		Scopes:      jsii.Strings("awesomeapi.read"),
	})

	app.Synth(nil)
}
