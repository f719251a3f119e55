export * from './bundle-function';
export * from './lambda-shapes';
export * from './local-runtime';
export * from './local-secrets';
export * from './queue-poller';
export * from './replay';
