// What the CLI's plain front end loads, in one module so that it can be one bundle (bundles.ts): the engine,
// the kernel with its commands, and the line front end.
export * as tf from '../index.js';
export { Kernel } from './kernel.js';
export { DEFAULT_HISTORY, runPlain } from './plain.js';
