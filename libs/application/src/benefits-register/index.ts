export * from './paging';
export * from './portfolio-view';
export * from './plan-against-actual.handlers';
export * from './benefits-register.providers';
export * from './portfolio-quality.handler';
export * from './portfolio-priorities.handler';
export * from './register-dependency-check';
