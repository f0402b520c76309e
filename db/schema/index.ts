export * from './auth';
export * from './festival';
export * from './merchant';
export * from './room';
export * from './search';
export * from './audit';
export * from './deeplink';
export * from './sync';
