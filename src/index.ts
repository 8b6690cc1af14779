export * from './scope';
export * from './user-group';
export * from './cognito-auth-props';
export * from './rest-api-front-props';
export * from './protected-api-props';
export * from './options';
export * from './monitoring-options';
export * from './protected-api';
