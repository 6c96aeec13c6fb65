import { memoryLeases } from './memoryLeases.js';
import { memoryStore } from './memoryStore.js';
import { describeStoreContract } from './testing/storeContract.js';

describeStoreContract('memoryStore', async () => ({ store: memoryStore(), leases: memoryLeases() }));
