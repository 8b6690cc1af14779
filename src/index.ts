export * from './scope';
export * from './protected-api';
