export * from './bundle-function';
export * from './local-backends';
export * from './local-runtime';
export * from './local-secrets';
export * from './queue-poller';
export * from './replay';
