/** At or below this many, the shop says "Only N left". */
export const LOW_STOCK = 5;

/** How much of a product is left, as a shopper reads it: the words and a tone for their colour. */
export interface StockLabel {
  tone: 'out' | 'low' | 'plenty';
  text: string;
}

/** "Out of stock", "Only 3 left", or "18 in stock". */
export function stockLabel(stock: number): StockLabel {
  if (stock <= 0) return { tone: 'out', text: 'Out of stock' };
  if (stock <= LOW_STOCK) return { tone: 'low', text: `Only ${stock} left` };
  return { tone: 'plenty', text: `${stock} in stock` };
}
