export * from './bm25';
export * from './elevenlabs-payload';
export * from './eval-types';
export * from './matching';
export * from './quality-eval';
