import { describe, expect, it } from 'vitest';
import { LOW_STOCK, stockLabel } from './stock-label';

describe('stockLabel', () => {
  it('says out of stock at zero (and below)', () => {
    expect(stockLabel(0)).toEqual({ tone: 'out', text: 'Out of stock' });
    expect(stockLabel(-1)).toEqual({ tone: 'out', text: 'Out of stock' });
  });

  it('says only N left up to LOW_STOCK', () => {
    expect(stockLabel(1)).toEqual({ tone: 'low', text: 'Only 1 left' });
    expect(stockLabel(LOW_STOCK)).toEqual({ tone: 'low', text: `Only ${LOW_STOCK} left` });
  });

  it('says how many are in stock above it', () => {
    expect(stockLabel(LOW_STOCK + 1)).toEqual({ tone: 'plenty', text: `${LOW_STOCK + 1} in stock` });
  });
});
