export { idempotencyLink, type IdempotencyLinkOptions } from './idempotencyLink.js';
export { idempotencyHeaders } from './idempotencyHeaders.js';
export { idempotencyKeyOf } from './idempotencyKeyOf.js';
export { uuidv7 } from './internals/uuidv7.js';
