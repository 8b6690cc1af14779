// The tutorial's app as a Java user writes it (the REST construct, and the README's smallest HTTP API), against the jar this project builds (dist/java).
// test/consumers/run.sh runs it with Maven and fails unless its template is identical to the
// TypeScript reference (typescript/app.ts). The output directory comes from CDK_OUTDIR.
package consumer;

import io.github.cdkcognitoprotectedapi.ApiScope;
import io.github.cdkcognitoprotectedapi.ProtectedApiWithCognito;
import io.github.cdkcognitoprotectedapi.ProtectedHttpApiWithCognito;
import io.github.cdkcognitoprotectedapi.ProtectedMethodOptions;
import io.github.cdkcognitoprotectedapi.ProtectedRouteOptions;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

public final class Main {
    private Main() {
    }

    public static void main(final String[] args) {
        String region = System.getenv().getOrDefault("CDK_DEFAULT_REGION", "us-east-1");

        App app = new App();
        Stack stack = new Stack(app, "AwesomeApiStack", StackProps.builder()
                .env(Environment.builder().region(region).build())
                .build());

        ProtectedApiWithCognito api = ProtectedApiWithCognito.Builder.create(stack, "AwesomeApi")
                .domainPrefix("buraktas-awesome-domain")
                .resourceServerIdentifier("awesomeapi-resource-server")
                .scopes(List.of(ApiScope.builder()
                        .name("awesomeapi.read")
                        .description("awesomeapi read scope")
                        .build()))
                .callbackUrls(List.of("http://localhost:3000/dashboard"))
                .build();
        api.addMethod("GET", "/awesomeapi", ProtectedMethodOptions.builder()
                .scopes(List.of("awesomeapi.read"))
                .build());

        Stack httpStack = new Stack(app, "AwesomeHttpApiStack", StackProps.builder()
                .env(Environment.builder().region(region).build())
                .build());
        Function handler = Function.Builder.create(httpStack, "Hello")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({ message: \"Hello From Protected Resource\" });"))
                .build();
        ProtectedHttpApiWithCognito httpApi = ProtectedHttpApiWithCognito.Builder.create(httpStack, "AwesomeApi")
                .domainPrefix("buraktas-awesome-domain")
                .resourceServerIdentifier("awesomeapi-resource-server")
                .scopes(List.of(ApiScope.builder()
                        .name("awesomeapi.read")
                        .description("awesomeapi read scope")
                        .build()))
                .callbackUrls(List.of("http://localhost:3000/dashboard"))
                .build();
        httpApi.addRoute("GET", "/awesomeapi", ProtectedRouteOptions.builder()
                .integration(new HttpLambdaIntegration("HelloIntegration", handler))
                .scopes(List.of("awesomeapi.read"))
                .build());

        app.synth();
    }
}
