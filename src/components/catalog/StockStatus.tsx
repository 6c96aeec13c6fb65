import { stockLabel } from './stock-label';

/** A product's stock in words, coloured by how much is left. */
export function StockStatus({ stock }: { stock: number }) {
  const { tone, text } = stockLabel(stock);
  return <p className={`stock stock-${tone}`}>{text}</p>;
}
