// @idem/trpc-link/node: journal storage for Node processes
export { fileStorage } from './fileStorage.js';
