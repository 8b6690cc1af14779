// The tutorial's app as a Java user writes it, against the jar this project builds (dist/java).
// test/consumers/run.sh runs it with Maven and fails unless its template is identical to the
// TypeScript reference (typescript/app.ts). The output directory comes from CDK_OUTDIR.
package consumer;

import io.github.cdkcognitoprotectedapi.ApiScope;
import io.github.cdkcognitoprotectedapi.ProtectedApiWithCognito;
import io.github.cdkcognitoprotectedapi.ProtectedMethodOptions;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

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

        app.synth();
    }
}
