import { CognitoAuthProps } from './cognito-auth-props';
import { RestApiFrontProps } from './rest-api-front-props';

/**
 * Properties of a `ProtectedApiWithCognito`: the Cognito half's (`CognitoAuthProps`) and the
 * REST front's (`RestApiFrontProps`).
 */
export interface ProtectedApiWithCognitoProps extends CognitoAuthProps, RestApiFrontProps {}
