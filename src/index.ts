export * from './scope';
export * from './user-group';
export * from './protected-api-props';
export * from './options';
export * from './protected-api';
