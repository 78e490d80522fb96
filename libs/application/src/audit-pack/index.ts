export * from './audit-pack.builder';
export * from './pack-archive';
export * from './pack-layout';
export * from './pack-problem';
export * from './pack-reports';
export * from './verify-audit-pack';
