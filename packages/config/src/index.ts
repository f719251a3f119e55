export * from './body-limit';
export * from './environment-schema';
export * from './load-config';
export * from './role-config';
