export * from './scope';
export * from './protected-api-props';
export * from './options';
export * from './protected-api';
