export * from './types.js';
export * from './paths.js';
export * from './model.js';
export * from './changes.js';
export * from './waste.js';
export * from './tree.js';
export * from './diff.js';
export * from './views.js';
