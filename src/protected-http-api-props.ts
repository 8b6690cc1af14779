import { CognitoAuthProps } from './cognito-auth-props';
import { HttpApiFrontProps } from './http-api-front-props';

/**
 * Properties of a `ProtectedHttpApiWithCognito`: the Cognito half's (`CognitoAuthProps`, the
 * very props of `ProtectedApiWithCognito`) and the HTTP front's (`HttpApiFrontProps`).
 */
export interface ProtectedHttpApiWithCognitoProps extends CognitoAuthProps, HttpApiFrontProps {}
