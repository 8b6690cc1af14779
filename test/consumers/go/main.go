// The tutorial's app as a Go user writes it, against the Go module this project generates
// (dist/go). test/consumers/run.sh builds it in a scratch module that points the library at
// dist/go, runs it and fails unless its template is identical to the TypeScript reference
// (typescript/app.ts). The output directory comes from CDK_OUTDIR.
package main

import (
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
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

	app.Synth(nil)
}
